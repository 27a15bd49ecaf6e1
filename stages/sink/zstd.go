package sink

import (
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// zstdCodec compresses the files' (and the sorted runs') pages. It is
// parquet-go's zstd codec at its default level, except for the window:
// that codec keeps klauspost's 8 MB default, so every encoder it pools
// allocates and clears 16 MB of history to compress pages of about 256 KB
// (parquet-go's page buffer), and pooled encoders are dropped and rebuilt
// with the garbage collector's cycles: 48 MB of the heap at the peak of a
// full-size run. A 1 MB window covers a page, so the output is the same.
// One codec is shared by all files, because it pools its encoders.
var zstdCodec = &pageZstd{level: zstd.SpeedDefault, window: pageZstdWindow}

const pageZstdWindow = 1 << 20

// zstdDenseCodec is compaction's: its pages are 4 MB (fileOptions).
var zstdDenseCodec = &pageZstd{level: zstd.SpeedBetterCompression, window: 4 << 20}

type pageZstd struct {
	level              zstd.EncoderLevel
	window             int
	encoders, decoders sync.Pool
}

func (c *pageZstd) String() string                            { return "ZSTD" }
func (c *pageZstd) CompressionCodec() format.CompressionCodec { return format.Zstd }

func (c *pageZstd) Encode(dst, src []byte) ([]byte, error) {
	e, _ := c.encoders.Get().(*zstd.Encoder)
	if e == nil {
		var err error
		e, err = zstd.NewWriter(nil,
			zstd.WithEncoderConcurrency(1),
			zstd.WithEncoderLevel(c.level),
			zstd.WithWindowSize(c.window),
			zstd.WithZeroFrames(true),
			zstd.WithEncoderCRC(false),
		)
		if err != nil {
			return nil, err
		}
	}
	defer c.encoders.Put(e)
	return e.EncodeAll(src, dst[:0]), nil
}

func (c *pageZstd) Decode(dst, src []byte) ([]byte, error) {
	d, _ := c.decoders.Get().(*zstd.Decoder)
	if d == nil {
		var err error
		if d, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1)); err != nil {
			return nil, err
		}
	}
	defer c.decoders.Put(d)
	return d.DecodeAll(src, dst[:0])
}
