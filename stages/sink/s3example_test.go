package sink_test

import (
	"fmt"

	"github.com/cablewire/cablewire/stages/sink"
)

// A warehouse given as s3://bucket/prefix is an S3 location; anything
// else is a directory.
func ExampleParseS3URL() {
	for _, u := range []string{"s3://analytics/cablewire/", "warehouse", "s3:///nobucket"} {
		loc, ok, err := sink.ParseS3URL(u)
		fmt.Printf("%q: s3 %v, bucket %q, prefix %q, err %v\n", u, ok, loc.Bucket, loc.Prefix, err)
	}
	// Output:
	// "s3://analytics/cablewire/": s3 true, bucket "analytics", prefix "cablewire", err <nil>
	// "warehouse": s3 false, bucket "", prefix "", err <nil>
	// "s3:///nobucket": s3 true, bucket "", prefix "", err s3:///nobucket: no bucket
}
