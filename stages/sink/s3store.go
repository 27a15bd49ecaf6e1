package sink

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/cablewire/cablewire/pipeline"
)

// S3Location is a warehouse at s3://Bucket/Prefix. Credentials come from
// the AWS SDK's default chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
// (and AWS_SESSION_TOKEN), else the shared credentials file
// (CredentialsFile, AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials,
// profile AWS_PROFILE); they are never logged.
type S3Location struct {
	Bucket string
	Prefix string // without leading or trailing slash; "" is the bucket's root
	// Endpoint is the server's URL (http://127.0.0.1:7070); "" is AWS.
	Endpoint string
	// Region defaults to AWS_REGION, else us-east-1.
	Region string
	// PathStyle addresses the bucket in the path (ENDPOINT/BUCKET/KEY), as
	// most S3 servers other than AWS need.
	PathStyle       bool
	CredentialsFile string
}

// ParseS3URL reads s3://bucket/prefix; ok is false for anything else (a
// directory).
func ParseS3URL(u string) (loc S3Location, ok bool, err error) {
	rest, ok := strings.CutPrefix(u, "s3://")
	if !ok {
		return S3Location{}, false, nil
	}
	bucket, prefix, _ := strings.Cut(rest, "/")
	prefix = strings.Trim(prefix, "/")
	if bucket == "" {
		return S3Location{}, true, fmt.Errorf("%s: no bucket", u)
	}
	if strings.Contains(prefix, "//") || slices.Contains(strings.Split(prefix, "/"), "..") {
		return S3Location{}, true, fmt.Errorf("%s: malformed prefix", u)
	}
	return S3Location{Bucket: bucket, Prefix: prefix}, true, nil
}

// String is the location's URL.
func (l S3Location) String() string {
	if l.Prefix == "" {
		return "s3://" + l.Bucket
	}
	return "s3://" + l.Bucket + "/" + l.Prefix
}

// S3Identity returns the identity of the warehouse at loc, making it if
// there is none: the first writer of _cablewire/warehouse.json (a
// conditional write) wins, and every caller returns its identity.
func S3Identity(loc S3Location) (Identity, error) {
	st, err := openS3Store(loc, "")
	if err != nil {
		return Identity{}, err
	}
	return st.identity()
}

// s3Timeout bounds one request (with the SDK's retries).
const s3Timeout = 2 * time.Minute

// stagedMaxAge is how old a staged object of an instance not known here
// to be dead must be before Open removes it as abandoned: a commit whose
// record is written later than this after its files were staged would
// lose them (the README's limits).
const stagedMaxAge = time.Hour

// s3Store is a warehouse in a bucket: the commit protocol of doc.go's
// "On S3". Safe for the sink's goroutine and its commit job at once.
type s3Store struct {
	loc    S3Location
	dir    string // the sink's local directory, where files are written and closed
	client *s3.Client

	mu   sync.Mutex
	ids  []string // commit records listed so far, in order (S3 lists keys sorted)
	next uint64   // the slot after the highest listed
}

func openS3Store(loc S3Location, dir string) (*s3Store, error) {
	region := loc.Region
	if region == "" {
		region = os.Getenv("AWS_REGION")
	}
	if region == "" {
		region = "us-east-1"
	}
	opts := []func(*config.LoadOptions) error{config.WithRegion(region)}
	if loc.CredentialsFile != "" {
		opts = append(opts, config.WithSharedCredentialsFiles([]string{loc.CredentialsFile}))
	}
	ctx, cancel := context.WithTimeout(context.Background(), s3Timeout)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", loc, err)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = loc.PathStyle
		if loc.Endpoint != "" {
			o.BaseEndpoint = aws.String(loc.Endpoint)
		}
		// Checksums only where the API requires one: not every S3 server
		// takes the SDK's default trailing checksums.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	return &s3Store{loc: loc, dir: dir, client: client}, nil
}

// key is the object key of a path relative to the warehouse.
func (s *s3Store) key(rel string) string {
	rel = filepath.ToSlash(rel)
	if s.loc.Prefix == "" {
		return rel
	}
	return s.loc.Prefix + "/" + rel
}

func (s *s3Store) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), s3Timeout)
}

// unavailable marks a failed request as the storage's failure, not the
// cable's (pipeline.IsResource): the runtime pauses and retries for as
// long as it lasts, and dead-letters nothing.
func unavailable(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", pipeline.ErrResource, err)
}

// statusOf is the HTTP status of a failed request, 0 if it got none.
func statusOf(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

func notFound(err error) bool {
	var nk *types.NoSuchKey
	var nf *types.NotFound
	return errors.As(err, &nk) || errors.As(err, &nf) || statusOf(err) == http.StatusNotFound
}

// conflict is a conditional write that lost: 412, or 409 when another
// conditional write to the key is in flight (AWS).
func conflict(err error) bool {
	st := statusOf(err)
	return st == http.StatusPreconditionFailed || st == http.StatusConflict
}

func (s *s3Store) get(key string) ([]byte, error) {
	ctx, cancel := s.ctx()
	defer cancel()
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &s.loc.Bucket, Key: &key})
	if err != nil {
		return nil, unavailable(err)
	}
	defer out.Body.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(out.Body)
	return b.Bytes(), unavailable(err)
}

// putNew writes b at key only if no object is there (If-None-Match: *).
func (s *s3Store) putNew(key string, b []byte) error {
	ctx, cancel := s.ctx()
	defer cancel()
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: &s.loc.Bucket, Key: &key, Body: bytes.NewReader(b),
		ContentLength: aws.Int64(int64(len(b))), IfNoneMatch: aws.String("*"),
		ContentType: aws.String("application/json"),
	})
	return unavailable(err)
}

func (s *s3Store) exists(key string) (bool, error) {
	ctx, cancel := s.ctx()
	defer cancel()
	_, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &s.loc.Bucket, Key: &key})
	if err == nil {
		return true, nil
	}
	if notFound(err) {
		return false, nil
	}
	return false, unavailable(err)
}

func (s *s3Store) remove(key string) error {
	ctx, cancel := s.ctx()
	defer cancel()
	_, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &s.loc.Bucket, Key: &key})
	if notFound(err) {
		return nil
	}
	return unavailable(err)
}

func (s *s3Store) identity() (Identity, error) {
	key := s.key(identityFile)
	for range 2 {
		b, err := s.get(key)
		if err == nil {
			var id Identity
			if err := json.Unmarshal(b, &id); err != nil || id.ID == "" {
				return Identity{}, fmt.Errorf("warehouse identity %s/%s: unreadable (%v)", s.loc, identityFile, err)
			}
			return id, nil
		}
		if !notFound(err) {
			return Identity{}, fmt.Errorf("warehouse identity %s: %w", s.loc, err)
		}
		id, err := newIdentity()
		if err != nil {
			return Identity{}, err
		}
		b, _ = json.Marshal(id)
		if err := s.putNew(key, b); err == nil {
			return id, nil
		} else if !conflict(err) {
			return Identity{}, fmt.Errorf("warehouse identity %s: %w", s.loc, err)
		}
		// Another process made it first: read theirs.
	}
	return Identity{}, fmt.Errorf("warehouse identity %s: neither readable nor writable", s.loc)
}

func (s *s3Store) lock() (func(), error) { return func() {}, nil }

// slotName is the record id of a slot of the log: fixed width, so that
// the keys list in slot order.
func slotName(n uint64) string { return fmt.Sprintf("%020d", n) }

// recordIDs lists the log's records after the last listed (the S3 log is
// append-only: no record is ever removed, so what was listed stays).
func (s *s3Store) recordIDs(func(string) bool) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	prefix := s.key(commitsDir) + "/"
	in := &s3.ListObjectsV2Input{Bucket: &s.loc.Bucket, Prefix: &prefix}
	if n := len(s.ids); n > 0 {
		in.StartAfter = aws.String(prefix + s.ids[n-1] + ".json")
	}
	ctx, cancel := s.ctx()
	defer cancel()
	for p := s3.NewListObjectsV2Paginator(s.client, in); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", s.loc, unavailable(err))
		}
		for _, o := range page.Contents {
			id, ok := strings.CutSuffix(strings.TrimPrefix(aws.ToString(o.Key), prefix), ".json")
			if !ok || strings.Contains(id, "/") {
				continue
			}
			var n uint64
			if _, err := fmt.Sscanf(id, "%d", &n); err != nil || slotName(n) != id {
				continue // not a slot of the log
			}
			s.ids = append(s.ids, id)
			s.next = max(s.next, n+1)
		}
	}
	return slices.Clone(s.ids), nil
}

func (s *s3Store) readRecord(id string) (*Record, error) {
	b, err := s.get(s.key(path.Join(commitsDir, id+".json")))
	if err != nil {
		return nil, fmt.Errorf("commit record %s: %w", id, err)
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("commit record %s: %w", id, err)
	}
	return &r, nil
}

// stage uploads the closed files under their temporary names, where a
// glob of the tables does not reach (under _cablewire/), all at once.
func (s *s3Store) stage(files []FileRecord) error {
	return eachFile(files, func(f FileRecord) error {
		if err := s.upload(filepath.Join(s.dir, f.Temp), s.key(f.Temp)); err != nil {
			return fmt.Errorf("stage %s: %w", f.Temp, err)
		}
		return nil
	})
}

// eachFile runs do for every file at once: a commit's requests are
// independent, and each is a round trip.
func eachFile(files []FileRecord, do func(FileRecord) error) error {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { errs[i] = do(f) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (s *s3Store) upload(local, key string) error {
	fh, err := os.Open(local)
	if err != nil {
		return err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx()
	defer cancel()
	_, err = s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: &s.loc.Bucket, Key: &key, Body: fh, ContentLength: aws.Int64(st.Size()),
	})
	return unavailable(err)
}

// commit writes rec into the log's next free slot, if still free: the
// commit point. A slot taken is errSlotTaken, unless it holds this very
// record (a retried request whose first attempt was written).
func (s *s3Store) commit(rec *Record) error {
	s.mu.Lock()
	n := s.next
	s.mu.Unlock()
	slot := slotName(n)
	base := rec.Base
	if base == "" {
		base = rec.ID
	}
	orig := *rec
	rec.ID, rec.Base = slot, base
	b, err := json.Marshal(rec)
	if err != nil {
		*rec = orig
		return err
	}
	key := s.key(path.Join(commitsDir, slot+".json"))
	err = s.putNew(key, b)
	if err == nil {
		s.advance(n)
		return nil
	}
	if conflict(err) {
		if r, rerr := s.readRecord(slot); rerr == nil && r.Base == base && r.Instance == rec.Instance {
			s.advance(n)
			return nil
		}
		*rec = orig
		return errSlotTaken
	}
	// No answer, or an error: the write may still have happened (a lost
	// response). Read the slot: this record there is the commit;
	// otherwise the staged files must stay (errCommitUncertain), for a
	// write that lands later takes the slot only if no one else did, and
	// its record names them.
	if r, rerr := s.readRecord(slot); rerr == nil && r.Base == base && r.Instance == rec.Instance {
		s.advance(n)
		return nil
	}
	*rec = orig
	return fmt.Errorf("commit record: %w: %w", errCommitUncertain, err)
}

// advance notes slot n as taken.
func (s *s3Store) advance(n uint64) {
	s.mu.Lock()
	s.next = max(s.next, n+1)
	s.mu.Unlock()
}

// publish copies each staged file to its place and removes the staged
// object and the local file. A copy is one object: a glob reader sees each
// file whole or not at all, and a commit's files appear one by one.
func (s *s3Store) publish(files []FileRecord) error { return s.publishFiles(files, false) }

// rollForward publishes what a record's writer left staged: most records
// a catch-up reads were published by their writer, so it first looks.
func (s *s3Store) rollForward(r *Record) error { return s.publishFiles(r.Files, true) }

func (s *s3Store) publishFiles(files []FileRecord, look bool) error {
	return eachFile(files, func(f FileRecord) error {
		final, staged := s.key(f.Path), s.key(f.Temp)
		there := false
		if look {
			var err error
			if there, err = s.exists(final); err != nil {
				return fmt.Errorf("publish %s: %w", f.Path, err)
			}
		}
		if !there {
			// No object is ever replaced under a final name (there is no
			// compaction on S3), so copying over one a roll-forward put
			// there meanwhile writes the same bytes.
			ctx, cancel := s.ctx()
			_, err := s.client.CopyObject(ctx, &s3.CopyObjectInput{
				Bucket: &s.loc.Bucket, Key: &final,
				CopySource: aws.String(s.loc.Bucket + "/" + staged),
			})
			cancel()
			if err != nil && !notFound(err) {
				return fmt.Errorf("publish %s: %w", f.Path, unavailable(err))
			}
			// Not found: another sink's roll-forward published it and
			// removed the staged copy meanwhile.
		}
		if err := s.remove(staged); err != nil {
			return fmt.Errorf("publish %s: %w", f.Path, err)
		}
		if s.dir != "" {
			os.Remove(filepath.Join(s.dir, f.Temp))
		}
		return nil
	})
}

func (s *s3Store) unstage(files []FileRecord) {
	for _, f := range files {
		s.remove(s.key(f.Temp))
		if s.dir != "" {
			os.Remove(filepath.Join(s.dir, f.Temp))
		}
	}
}

// removeAbandoned removes staged objects that no record names (named) and
// whose writer is gone: an instance that died on this host (deadHere), or
// any older than stagedMaxAge. A live sink's staged files are never
// removed while younger than that.
func (s *s3Store) removeAbandoned(named map[string]bool, deadHere map[string]bool, now time.Time) error {
	prefix := s.key(tmpDir) + "/"
	ctx, cancel := s.ctx()
	defer cancel()
	for p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: &s.loc.Bucket, Prefix: &prefix}); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list %s: %w", s.loc, unavailable(err))
		}
		for _, o := range page.Contents {
			name := strings.TrimPrefix(aws.ToString(o.Key), prefix)
			if named[path.Join(tmpDir, name)] {
				continue
			}
			if deadHere[instanceOf(name)] || now.Sub(aws.ToTime(o.LastModified)) > stagedMaxAge {
				if err := s.remove(aws.ToString(o.Key)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
