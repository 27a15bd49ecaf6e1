package synth

// rng is SplitMix64: tiny, fast, and fully specified here so that output
// stays byte-identical across Go releases (math/rand makes no such promise
// for every helper).
type rng struct{ s uint64 }

func newRNG(seed int64, stream uint64) rng {
	r := rng{s: uint64(seed) ^ (stream+1)*0x9e3779b97f4a7c15}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a uniform int in [0, n); n must be > 0 and < 2^32.
func (r *rng) intn(n int) int {
	return int((r.next() >> 32) * uint64(n) >> 32)
}

// between returns a uniform int in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a uniform float64 in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// normQ returns an approximately standard normal deviate in units of
// 1/256, from the Irwin-Hall sum of 12 uniforms: integer arithmetic only,
// so it is the same on every platform. The range is [-1536, 1536].
func (r *rng) normQ() int {
	var s int64
	for i := 0; i < 12; i++ {
		s += int64(r.next() >> 32)
	}
	return int((s - 6<<32) >> 24)
}

// pick returns a uniformly chosen element.
func pick[T any](r *rng, s []T) T { return s[r.intn(len(s))] }
