package sink

import (
	"fmt"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/cablewire/cablewire/schemas"
)

// Compression codecs of the warehouse's files (Config.Compression).
const (
	CompressionZstd   = "zstd"
	CompressionSnappy = "snappy"
)

// codecFor is the page codec for a Config.Compression value; "" is zstd.
// Dense is compaction's zstd: slower to write, smaller.
func codecFor(name string, dense bool) (compress.Codec, error) {
	switch name {
	case "", CompressionZstd:
		if dense {
			return zstdDenseCodec, nil
		}
		return zstdCodec, nil
	case CompressionSnappy:
		return &snappy.Codec{}, nil
	}
	return nil, fmt.Errorf("sink: compression %q: want zstd or snappy", name)
}

// fileOptions are the writer options every committed file of a table gets,
// from the sink or from a compaction (the sorted runs in tmpDir do without
// the readers' aids). Chosen by measuring (README, "Where the bytes go"):
//   - pages of 1 MB rather than parquet-go's 256 KB: zstd finds more
//     repeats in the text columns' larger pages (16% smaller, and no
//     slower); compaction (dense) writes pages of 4 MB at zstd's
//     better-compression level with a 4 MB window (another 20%: too slow
//     for the sink, which is the pipeline's last stage, and too much
//     memory for its open files, but a background job's to spend);
//   - statistics on every page and chunk, a column and offset index, and
//     split-block bloom filters on ref_id (every table) and
//     entities.canonical, so that point lookups skip files and row groups.
func fileOptions(table, compression string, dense bool) []parquet.WriterOption {
	codec, err := codecFor(compression, dense)
	if err != nil {
		codec = zstdCodec // validated by Config.defaults and CompactConfig.defaults
	}
	blooms := []parquet.BloomFilterColumn{parquet.SplitBlockFilter(bloomBitsPerValue, "ref_id")}
	if table == schemas.TableEntities {
		blooms = append(blooms, parquet.SplitBlockFilter(bloomBitsPerValue, "canonical"))
	}
	return []parquet.WriterOption{
		parquet.Compression(codec),
		parquet.CreatedBy("cablewire", "", ""),
		parquet.PageBufferSize(pageBytes * map[bool]int{false: 1, true: 4}[dense]),
		parquet.DataPageStatistics(true),
		parquet.BloomFilters(blooms...),
	}
}

// pageBytes is the files' page size before compression.
const pageBytes = 1 << 20

// bloomBitsPerValue sizes the bloom filters: 10 bits per distinct value is
// about a 1% false positive rate.
const bloomBitsPerValue = 10
