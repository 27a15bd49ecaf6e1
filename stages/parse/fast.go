package parse

import (
	"encoding/binary"
	"strings"
	"sync"
	"unsafe"
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
// '\v', '\f', '\r' (the bytes spaceTab marks), 0 elsewhere.
func spaceMask8(x uint64) uint64 {
	// ' ': exact zero-byte test of x^0x20 (no false positives: the
	// borrow-free form ((v&0x7f..)+0x7f..|v) is used).
	v := x ^ (0x20 * lsb)
	sp := ^(((v & ^uint64(msb)) + ^uint64(msb)) | v) & msb
	// '\t'..'\r' (0x09..0x0d): 7-bit bytes b with b+0x77 >= 0x80 (b >= 9)
	// and b+0x72 < 0x80 (b < 0x0e), computed on the low 7 bits so no carry
	// crosses a byte; bytes with the top bit set are excluded.
	lo := x & ^uint64(msb)
	ge9 := (lo + 0x77*lsb) & msb
	lt14 := ^(lo + 0x72*lsb) & msb
	ctl := ge9 & lt14 & ^x & msb
	return sp | ctl
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
