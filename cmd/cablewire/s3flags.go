package main

import (
	"flag"
	"fmt"
	"path/filepath"

	"github.com/cablewire/cablewire/stages/sink"
)

// s3Flags say how to reach a warehouse given as s3://bucket/prefix.
// Credentials are never flags (they would show in ps and in shell
// history): the standard AWS variables or a credentials file.
type s3Flags struct {
	endpoint  string
	region    string
	pathStyle string
	creds     string
	work      string
}

func (f *s3Flags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.endpoint, "s3-endpoint", "", "s3:// warehouse: the S3 server's URL (default: AWS)")
	fs.StringVar(&f.region, "s3-region", "", "s3:// warehouse: region (default $AWS_REGION, else us-east-1)")
	fs.StringVar(&f.pathStyle, "s3-path-style", "auto", "s3:// warehouse: address buckets in the path (true, false; auto: true with --s3-endpoint)")
	fs.StringVar(&f.creds, "s3-credentials", "", "s3:// warehouse: shared credentials file (default: $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY, else $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials)")
	fs.StringVar(&f.work, "s3-work", "", "s3:// warehouse: the sink's local directory for files being written, its index and lock (default DATA/s3/BUCKET/PREFIX)")
}

// location reads an s3:// warehouse; ok is false for a directory.
func (f *s3Flags) location(warehouse string) (loc sink.S3Location, ok bool, err error) {
	loc, ok, err = sink.ParseS3URL(warehouse)
	if !ok || err != nil {
		return loc, ok, err
	}
	loc.Endpoint, loc.Region, loc.CredentialsFile = f.endpoint, f.region, f.creds
	switch f.pathStyle {
	case "auto":
		loc.PathStyle = f.endpoint != ""
	case "true":
		loc.PathStyle = true
	case "false":
	default:
		return loc, ok, fmt.Errorf("%w: --s3-path-style %q: true, false or auto", errUsage, f.pathStyle)
	}
	return loc, true, nil
}

// configure points sc at the warehouse: a directory, or an S3 location
// with the sink's local directory under data (or --s3-work).
func (f *s3Flags) configure(warehouse, data string, sc *sink.Config) error {
	loc, ok, err := f.location(warehouse)
	if err != nil {
		return fmt.Errorf("--warehouse: %w", err)
	}
	if !ok {
		sc.Dir = warehouse
		return nil
	}
	sc.S3 = &loc
	sc.Dir = f.work
	if sc.Dir == "" {
		sc.Dir = filepath.Join(data, "s3", loc.Bucket, filepath.FromSlash(loc.Prefix))
	}
	return nil
}
