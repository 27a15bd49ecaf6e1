package synth

import (
	"encoding/binary"
	"strconv"
)

// seg is one piece of a compiled template: literal text, then a slot.
type seg struct {
	lit  string
	slot byte // 0: none
}

type tmpl []seg

// compile splits a template at its {x} slots.
func compile(s string) tmpl {
	var t tmpl
	lit := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '{' && i+2 < len(s) && s[i+2] == '}' {
			t = append(t, seg{lit: s[lit:i], slot: s[i+1]})
			i += 2
			lit = i + 1
		}
	}
	if lit < len(s) {
		t = append(t, seg{lit: s[lit:]})
	}
	return t
}

func compileAll(ss []string) []tmpl {
	out := make([]tmpl, len(ss))
	for i, s := range ss {
		out[i] = compile(s)
	}
	return out
}

var (
	sentences = compileAll(sentenceTexts)
	comments  = compileAll(commentTexts)
	leads     = compileAll(summaryLeads)
	subjects  = compileAll(subjectTexts)
	headings  = compileAll(headingTexts)
)

// appendPad appends n in decimal, zero-padded to width.
func appendPad(dst []byte, n, width int) []byte {
	var tmp [20]byte
	b := strconv.AppendInt(tmp[:0], int64(n), 10)
	for i := len(b); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, b...)
}

// upper turns ASCII letters in b to capitals, in place, eight bytes at a
// time.
func upper(b []byte) {
	const ones = 0x0101010101010101
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		h := x & (0x7f * ones)
		geA := h + (0x80-'a')*ones   // high bit set where byte >= 'a'
		gtZ := h + (0x80-'z'-1)*ones // high bit set where byte > 'z'
		lower := geA &^ gtZ &^ x & (0x80 * ones)
		binary.LittleEndian.PutUint64(b[i:], x^(lower>>2))
	}
	for ; i < len(b); i++ {
		if c := b[i]; 'a' <= c && c <= 'z' {
			b[i] = c - 32
		}
	}
}

// appendWrapped appends text broken into lines of at most width bytes at
// spaces (a longer word gets a line of its own). The text has no newlines.
func appendWrapped(dst, text []byte, width int) []byte {
	for len(text) > width {
		cut := -1
		for i := width; i > 0; i-- {
			if text[i] == ' ' {
				cut = i
				break
			}
		}
		if cut < 0 {
			cut = width
			for cut < len(text) && text[cut] != ' ' {
				cut++
			}
			if cut == len(text) {
				break
			}
		}
		dst = append(dst, text[:cut]...)
		dst = append(dst, '\n')
		text = text[cut+1:]
	}
	return append(dst, text...)
}
