package parse

import (
	"math/rand"
	"strings"
	"testing"
)

// The hot-path helpers must agree exactly with the plain code they replace.

func countWordsPlain(s string) int {
	n := 0
	prev := byte(1)
	for i := 0; i < len(s); i++ {
		sp := spaceTab[s[i]]
		n += int(prev &^ sp)
		prev = sp
	}
	return n
}

func randText(r *rand.Rand, n int) string {
	alpha := []byte(" \t\n\v\f\r\x00\x08\x0e\x1f\x20\x21aZ.,/;-\x80\x89\x8a\xa0\xc2\xb6\xff")
	b := make([]byte, n)
	for i := range b {
		if r.Intn(3) == 0 {
			b[i] = byte(r.Intn(256))
		} else {
			b[i] = alpha[r.Intn(len(alpha))]
		}
	}
	return string(b)
}

func TestCountWordsSWAR(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 100000; k++ {
		s := randText(r, r.Intn(48))
		if got, want := countWords(s), countWordsPlain(s); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
	for k := 0; k < 100; k++ { // long runs: the lane sums are flushed every 255 words
		b := make([]byte, r.Intn(20000))
		for i := range b {
			b[i] = " a"[r.Intn(2)]
		}
		if got, want := countWords(string(b)), countWordsPlain(string(b)); got != want {
			t.Fatalf("countWords of %d bytes = %d, want %d", len(b), got, want)
		}
	}
	for c := 0; c < 256; c++ {
		s := strings.Repeat("ab"+string(rune(c))[:1], 9)
		if got, want := countWords(s), countWordsPlain(s); got != want {
			t.Fatalf("byte %#x: %d, want %d", c, got, want)
		}
	}
}

func TestFastHelpers(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	lines := []string{"", " ", "SIPDIS", " sipdis.", ", NOFORN", "SENSITIVE BUT UNCLASSIFIED", "REL TO USA, GBR",
		"NOFORN/SIPDIS", "FOR OFFICIAL USE ONLY", "CODEL", ". . EXDIS", "\tSIPDIS", "ſipdis", "LIMDIS NODIS",
		"PAGE 02 HARARE 06677 01 OF 03 291400Z", "MOSCOW 00004849 002 OF 003", "C O N F I D E N T I A L",
		"SECRET SECTION 01 OF 02 MOSCOW 004849", "The embassy", "Secretary Rice", "UNCLAS", "BT", "#4849", "  indented text"}
	for k := 0; k < 50000; k++ {
		lines = append(lines, randText(r, r.Intn(24)))
	}
	for _, l := range lines {
		if got, want := trimLeftSpTab(l), strings.TrimLeft(l, " \t"); got != want {
			t.Fatalf("trimLeftSpTab(%q) = %q", l, got)
		}
		if got, want := trimRightSpTab(l), strings.TrimRight(l, " \t"); got != want {
			t.Fatalf("trimRightSpTab(%q) = %q", l, got)
		}
		if got, want := isBlank(l), strings.TrimSpace(l) == ""; got != want {
			t.Fatalf("isBlank(%q) = %v", l, got)
		}
		if got, want := normalizeSpaces(l), strings.Join(strings.Fields(l), " "); got != want {
			t.Fatalf("normalizeSpaces(%q) = %q", l, got)
		}
		if got, want := hasUpper(l), strings.ToLower(l) != l; got != want {
			t.Fatalf("hasUpper(%q) = %v", l, got)
		}
		if got, want := hasDTGGroup(l), strings.ContainsAny(l, "Zz"); got && !want {
			t.Fatalf("hasDTGGroup(%q)", l)
		}
		if _, ok := caveatLine(l); ok && !mayBeCaveatLine(l) {
			t.Fatalf("mayBeCaveatLine(%q) is false for a caveat line", l)
		}
		if t2 := trimRightSpTab(l); t2 != "" && quietLine(t2) {
			for _, after := range []bool{false, true} {
				if isNoiseLine(strings.TrimSpace(t2), after) {
					t.Fatalf("quietLine(%q) for a noise line", t2)
				}
			}
		}
		if got, want := splitLinesInto(nil, l), strings.Split(l, "\n"); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("splitLinesInto(%q) = %q", l, got)
		}
		if t2 := strings.TrimSpace(l); t2 != "" {
			n1, m1, r1, p1, ok1 := paraStartFast(t2)
			n2, m2, r2, p2, ok2 := paraStart(t2)
			if ok1 != ok2 || ok1 && (n1 != n2 || m1 != m2 || r1 != r2 || p1 != p2) {
				t.Fatalf("paraStartFast(%q)", t2)
			}
		}
	}
}

// TestClassWordsByLetter: leadingClass tries the classification words by
// their first letter; the tables must cover classWords in its order.
func TestClassWordsByLetter(t *testing.T) {
	var all []int
	for _, tab := range [][]int{classTryT[:], classTryU[:], classTryC[:], classTryL[:], classTryS[:]} {
		for i, k := range tab {
			if i > 0 && k < tab[i-1] {
				t.Errorf("table out of classWords order: %v", tab)
			}
			if upper(classWords[k].word[0]) != upper(classWords[tab[0]].word[0]) {
				t.Errorf("%s in the wrong letter table", classWords[k].word)
			}
			all = append(all, k)
		}
	}
	if len(all) != len(classWords) {
		t.Errorf("tables cover %d of %d classification words", len(all), len(classWords))
	}
	for _, cw := range classWords {
		if classSecond[cw.word[0]] != cw.word[1] {
			t.Errorf("classSecond[%c] = %c, want %c", cw.word[0], classSecond[cw.word[0]], cw.word[1])
		}
	}
}

func TestIndexFoldASCII(t *testing.T) {
	plain := func(s, needle string) int {
		for i := 0; i+len(needle) <= len(s); i++ {
			if s[i]|0x20 == needle[0]|0x20 && strings.EqualFold(s[i:i+len(needle)], needle) {
				return i
			}
		}
		return -1
	}
	r := rand.New(rand.NewSource(3))
	for k := 0; k < 50000; k++ {
		s := randText(r, r.Intn(30))
		if r.Intn(2) == 0 {
			p := r.Intn(len(s) + 1)
			s = s[:p] + []string{"end summary", "END SUMMARY", "eNd SuMMARY", "end  summary"}[r.Intn(4)] + s[p:]
		}
		for _, needle := range []string{"END SUMMARY", "END COMMENT", "E"} {
			if got, want := indexFoldASCII(s, needle), plain(s, needle); got != want {
				t.Fatalf("indexFoldASCII(%q, %q) = %d, want %d", s, needle, got, want)
			}
		}
	}
}

func TestFastFieldHelpers(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	words := []string{"summary", "SUMMARY:", "Begin Summary", "BEGIN  SUMMARY", "1. Summary", "begın summary", "ſummary", "Ambassador", "POLOFF", "d'affaires", "for", "Kſ", "ÉCON", "x"}
	for k := 0; k < 20000; k++ {
		words = append(words, randText(r, r.Intn(16)))
	}
	for _, w := range words {
		u := strings.ToUpper(w)
		want := strings.HasPrefix(u, "SUMMARY") || strings.HasPrefix(u, "BEGIN SUMMARY") || strings.HasPrefix(u, "1. SUMMARY")
		if got := opensSummary(w); got != want {
			t.Fatalf("opensSummary(%q) = %v", w, got)
		}
		if got, want := isTitleWord(w), titleWords[u]; got != want {
			t.Fatalf("isTitleWord(%q) = %v", w, got)
		}
	}
}
