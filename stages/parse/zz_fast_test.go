package parse

import (
	"math/rand"
	"testing"
)

func countWordsRef(s string) int {
	n := 0
	prev := byte(1)
	for i := 0; i < len(s); i++ {
		sp := spaceTab[s[i]]
		n += int(prev &^ sp)
		prev = sp
	}
	return n
}

func TestZZCountWords(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alpha := []byte(" \t\n\v\f\r\x00\x08\x0e\x1f\x20\x21a\x80\x89\x8a\xa0\xff")
	for k := 0; k < 200000; k++ {
		b := make([]byte, r.Intn(40))
		for i := range b {
			if r.Intn(3) == 0 {
				b[i] = byte(r.Intn(256))
			} else {
				b[i] = alpha[r.Intn(len(alpha))]
			}
		}
		if got, want := countWords(string(b)), countWordsRef(string(b)); got != want {
			t.Fatalf("%q: %d != %d", b, got, want)
		}
	}
}

func BenchmarkZZCountWords(b *testing.B) {
	s := string(make([]byte, 1<<20))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		countWords(s)
	}
}

func TestZZCountWordsLong(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for k := 0; k < 300; k++ {
		b := make([]byte, r.Intn(20000))
		for i := range b {
			if r.Intn(2) == 0 {
				b[i] = ' '
			} else {
				b[i] = 'a'
			}
		}
		if got, want := countWords(string(b)), countWordsRef(string(b)); got != want {
			t.Fatalf("%d != %d", got, want)
		}
	}
}

func TestZZBodySize(t *testing.T) {
	total, body := 0, 0
	for _, d := range corpusDocs2(t) {
		text, meta, _ := Decode(d)
		c := parseText(text, &meta)
		total += len(text)
		body += len(c.Body)
	}
	t.Logf("text %d body %d", total, body)
}
