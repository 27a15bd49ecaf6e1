package synth

// Options control a generation run. The zero value of every field but
// Count is usable.
type Options struct {
	// Count is the number of cables to generate. Years, classifications
	// and sizes are scaled from the full corpus (FullCount cables).
	Count int
	// Seed selects the corpus: the same Seed and Count give byte-identical
	// output; a different Seed gives a different corpus.
	Seed int64
	// MedianBytes is the median size of a whole cable text; 0 means 5,300 (see defaultMedian).
	MedianBytes int
}

func (o Options) median() int {
	if o.MedianBytes <= 0 {
		return defaultMedian
	}
	return o.MedianBytes
}
