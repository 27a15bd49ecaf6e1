package parse

import (
	"encoding/binary"
	"strings"
	"sync"
	"unsafe"

	"github.com/cablewire/cablewire/schemas"
)

// Allocation-free helpers for the hot path. Each one is exactly equivalent
// to the strings call it replaces (see the comments); the parser's output
// must not depend on which is used.

// trimLeftSpTab is strings.TrimLeft(s, " \t") without building a cutset.
func trimLeftSpTab(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[i:]
}

// trimRightSpTab is strings.TrimRight(s, " \t") without building a cutset.
func trimRightSpTab(s string) string {
	j := len(s)
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[:j]
}

// isBlank is strings.TrimSpace(s) == "" with an ASCII fast path.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.TrimSpace(s[i:]) == ""
		}
		if spaceTab[c] == 0 {
			return false
		}
	}
	return true
}

// lineBuf holds the per-call line slices of parseText; pooled, so a parse
// allocates no slice of lines. Nothing returned by parseText refers to it.
type lineBuf struct {
	lines []string // the text split at "\n"
	body  []string // the cleaned body lines
	paras []schemas.Paragraph
	spans [][2]int
}

var lineBufPool = sync.Pool{New: func() any { return new(lineBuf) }}

// maxPooledLines bounds what a pooled buffer may keep (a freak document
// must not pin a huge slice).
const maxPooledLines = 1 << 16

func getLineBuf() *lineBuf { return lineBufPool.Get().(*lineBuf) }

func putLineBuf(b *lineBuf) {
	// drop the references to the text so the pool pins no document
	clear(b.lines)
	clear(b.body)
	if cap(b.lines) > maxPooledLines || cap(b.body) > maxPooledLines {
		return
	}
	b.lines, b.body = b.lines[:0], b.body[:0]
	lineBufPool.Put(b)
}

// splitLinesInto is strings.Split(text, "\n") appended to dst.
func splitLinesInto(dst []string, text string) []string {
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return append(dst, text)
		}
		dst = append(dst, text[:i])
		text = text[i+1:]
	}
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// spaceMask8 returns 0x80 in each byte of x that is one of ' ', '\t', '\n',
// '\v', '\f', '\r' (the bytes spaceTab marks), 0 elsewhere. On the low
// seven bits v of each byte (no carry crosses a byte), v+0x77 has bit 7 set
// iff v >= 9, v+0x72 iff v >= 14, v+0x60 iff v >= 32 and v+0x5f iff
// v >= 33; bytes with bit 7 set are never space.
func spaceMask8(x uint64) uint64 {
	lo := x & ^uint64(msb)
	ctl := (lo + 0x77*lsb) &^ (lo + 0x72*lsb) // 9 <= v < 14
	sp := (lo + 0x60*lsb) &^ (lo + 0x5f*lsb)  // v == 32
	return (ctl | sp) &^ x & msb
}

// countWords counts the runs of non-space bytes (space as spaceTab says),
// eight bytes at a time: word starts are summed per byte lane and the
// lanes added up every 255 words of eight.
func countWords(s string) int {
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	n := 0
	prev := uint64(1) // 1 when the byte before the current eight was space
	i := 0
	for i+8 <= len(b) {
		var acc uint64
		for k := 0; k < 255 && i+8 <= len(b); k, i = k+1, i+8 {
			m := spaceMask8(binary.LittleEndian.Uint64(b[i:])) >> 7 // 1 in bit 8k for space bytes
			// a word starts at a non-space byte whose predecessor is space
			acc += (m<<8 | prev) &^ m & lsb
			prev = m >> 56
		}
		x := acc&0x00ff00ff00ff00ff + acc>>8&0x00ff00ff00ff00ff
		n += int(x * 0x0001000100010001 >> 48)
	}
	p := byte(prev)
	for ; i < len(b); i++ {
		sp := spaceTab[b[i]]
		n += int(p &^ sp)
		p = sp
	}
	return n
}

var spaceTab = [256]byte{' ': 1, '\n': 1, '\t': 1, '\r': 1, '\f': 1, '\v': 1}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiEqualFold compares ASCII s with upper-case ASCII u ignoring case.
func asciiEqualFold(s, u string) bool {
	if len(s) != len(u) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if upper(s[i]) != u[i] {
			return false
		}
	}
	return true
}

// asciiHasPrefixFold reports whether s starts with upper-case ASCII p,
// ignoring ASCII case.
func asciiHasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && asciiEqualFold(s[:len(p)], p)
}

// isTitleWord is titleWords[strings.ToUpper(w)] without an upper-cased copy
// for short ASCII words.
func isTitleWord(w string) bool {
	var buf [40]byte
	if len(w) > len(buf) || !isASCII(w) {
		return titleWords[strings.ToUpper(w)]
	}
	for i := 0; i < len(w); i++ {
		buf[i] = upper(w[i])
	}
	return titleWords[string(buf[:len(w)])]
}

// normalizeSpaces is strings.Join(strings.Fields(s), " "); it returns s
// itself when s is ASCII with single spaces and no other white space.
func normalizeSpaces(s string) string {
	if len(s) == 0 {
		return s
	}
	if s[0] != ' ' && s[len(s)-1] != ' ' {
		ok := true
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 0x80 || c != ' ' && spaceTab[c] != 0 || c == ' ' && s[i+1] == ' ' {
				ok = false
				break
			}
		}
		if ok {
			return s
		}
	}
	return strings.Join(strings.Fields(s), " ")
}

// quietLine reports, cheaply, that t (a non-empty line already trimmed of
// trailing spaces and tabs) is certainly not a noise line: it is a fast
// path in front of isNoiseLine(strings.TrimSpace(t), afterClass) and
// returns false whenever it cannot be sure.
func quietLine(t string) bool {
	c0, last := t[0], t[len(t)-1]
	if c0 >= 0x80 || last >= 0x80 || spaceTab[c0] != 0 || spaceTab[last] != 0 {
		return false // TrimSpace would change t
	}
	if len(t) <= 6 || isDigit(last) {
		return false // a trailer word or a page line ("... 002 OF 003")
	}
	switch upper(c0) {
	case 'P':
		return !strings.HasPrefix(t, "PAGE ")
	case '#':
		return false
	case 'T', 'U', 'C', 'L', 'S':
		// a classification word: its second letter follows at once or
		// after one space (letter spacing).
		n1 := t[1]
		if n1 == ' ' {
			n1 = t[2]
		}
		return upper(n1) != classSecond[upper(c0)]
	}
	return true
}

// mayBeCaveatLine is a cheap necessary condition for caveatLine: an ASCII
// line can only be one when its first word (after the spaces, dots and
// separators caveatLine skips) is a caveat word or opens one of its
// phrases. Lines with other bytes are left to caveatLine.
func mayBeCaveatLine(line string) bool {
	i := 0
	for i < len(line) {
		c := line[i]
		if c >= 0x80 {
			return true
		}
		if spaceTab[c] == 0 && c != '.' && c != ',' && c != '/' && c != ';' {
			break
		}
		i++
	}
	var w [12]byte
	n := 0
	for ; i < len(line); i++ {
		c := line[i]
		if c >= 0x80 {
			return true
		}
		if !isLetter(c) {
			break
		}
		if n == len(w) {
			return false // longer than any caveat word
		}
		w[n] = upper(c)
		n++
	}
	for ; i < len(line); i++ {
		if line[i] >= 0x80 {
			return true
		}
	}
	switch string(w[:n]) {
	case "SENSITIVE", "FOR", "LIMITED", "REL":
		return true
	}
	return isCaveatWord(string(w[:n]))
}

// classSecond is the second letter of the classification words by their
// first (TOP SECRET, UNCLAS(SIFIED), CONFIDENTIAL, LIMITED OFFICIAL USE,
// SECRET).
var classSecond = [256]byte{'T': 'O', 'U': 'N', 'C': 'O', 'L': 'I', 'S': 'E'}

// joiner builds first + " " + next + " " + ... in linear time (a field's
// continuation lines); it allocates only when a line is added.
type joiner struct {
	first string
	buf   []byte
}

func (j *joiner) init(first string) { j.first, j.buf = first, nil }

func (j *joiner) add(s string) {
	if j.buf == nil {
		j.buf = make([]byte, 0, 2*(len(j.first)+len(s))+16)
		j.buf = append(j.buf, j.first...)
	}
	j.buf = append(j.buf, ' ')
	j.buf = append(j.buf, s...)
}

func (j *joiner) String() string {
	if j.buf == nil {
		return j.first
	}
	return string(j.buf)
}
