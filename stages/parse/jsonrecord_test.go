package parse

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// checkRecord asserts decodeRecord's promise for b: it declines, or it
// yields exactly what json.Unmarshal yields (which then succeeds). It
// returns whether the fast path took b.
func checkRecord(t *testing.T, b []byte) bool {
	t.Helper()
	var fast schemas.SourceRecord
	if !decodeRecord(b, &fast) {
		return false
	}
	var want schemas.SourceRecord
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("fast path took %q, which encoding/json rejects: %v", b, err)
	}
	if fast != want {
		t.Fatalf("fast path on %q:\n got %+v\nwant %+v", b, fast, want)
	}
	return true
}

// decodeJSONBefore is decodeJSON with encoding/json alone: the reference
// the fast path must match.
func decodeJSONBefore(b []byte) (string, PageMeta, error) {
	jsonFastPath = false
	defer func() { jsonFastPath = true }()
	return decodeJSON(b)
}

func checkDecodeJSON(t *testing.T, b []byte) {
	t.Helper()
	text, meta, err := decodeJSON(b)
	wtext, wmeta, werr := decodeJSONBefore(b)
	if text != wtext || !reflect.DeepEqual(meta, wmeta) || (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
		t.Fatalf("decodeJSON(%q) = %q, %+v, %v\nwant %q, %+v, %v", b, text, meta, err, wtext, wmeta, werr)
	}
}

// oddRecords are records with the characters json.Marshal escapes or that
// decoding must keep as they are.
var oddRecords = []schemas.SourceRecord{
	{},
	{ID: 1, Date: "10/03/2007 12:11", RefID: "07MOSCOW4849", Text: "C O N F I D E N T I A L\nTAGS: PREL"},
	{ID: -9_223_372_036_854_775_808, Body: "min"},
	{ID: 9_223_372_036_854_775_807, Body: "max"},
	{ID: 42, Header: "A <b> & \"q\" \\ /", Body: "\t\r\n\b\f\x00\x1f\x7f"},
	{Text: "\u2028\u2029 é ü Ж 中文 😀 \U0010FFFF \uFFFD \uFEFF \u00a0"},
	{References: "07MOSCOW1, 08PARIS2,,", Origin: " Embassy Moscow ", Classification: "SECRET//NOFORN"},
	{Date: "2009-03-26T18:00:00Z", Header: "h", Body: "b"},
	{Text: "bad \xff utf8 \xed\xa0\x80 surrogate"}, // marshalled as U+FFFD
}

func TestDecodeRecord(t *testing.T) {
	for _, rec := range oddRecords {
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		if !checkRecord(t, b) {
			t.Errorf("fast path declined json.Marshal output %s", b)
		}
		checkDecodeJSON(t, b)
	}
	for _, tc := range []struct {
		in   string
		fast bool // the fast path takes it
	}{
		{`{}`, true},
		{" \t\r\n{ \t\r\n} \t\r\n", true},
		{`{"id":0}`, true},
		{`{"id":-0}`, true},
		{`{"id":123456789012345678}`, true},
		{`{"id":1234567890123456789}`, true},
		{`{"id":9223372036854775808}`, false}, // overflow: a type error
		{`{"id":99999999999999999999}`, false},
		{`{"id":1.0}`, false},
		{`{"id":1e3}`, false},
		{`{"id":01}`, false},
		{`{"id":-}`, false},
		{`{"id":"1"}`, false},
		{`{"id":null}`, false},
		{`{"id":1,"id":2}`, true},
		{`{"text":"a","text":"b"}`, true},
		{`{"text":null}`, false},
		{`{"text":1}`, false},
		{`{"text":"a\u0000b\u001F\u00e9\u00E9\ud83d\ude00\uD83D\uDE00"}`, true},
		{`{"text":"\ud83d"}`, false},             // lone high surrogate
		{`{"text":"\ude00"}`, false},             // lone low surrogate
		{`{"text":"\ud83d\u0041"}`, false},       // high surrogate, no low
		{`{"text":"\ud83d\ud83d\ude00"}`, false}, // two highs
		{`{"text":"\u12"}`, false},
		{`{"text":"\u12G4"}`, false},
		{`{"text":"\x"}`, false},
		{`{"text":"\'"}`, false},
		{"{\"text\":\"a\tb\"}", false}, // raw control character
		{"{\"text\":\"a\xffb\"}", false},
		{"{\"text\":\"\xed\xa0\x80\"}", false}, // surrogate in UTF-8
		{"{\"text\":\"\xef\xbf\xbd\"}", true},  // U+FFFD itself
		{`{"text":"a"`, false},
		{`{"text":"a`, false},
		{`{"text":"a\`, false},
		{`{"text":"a"}x`, false},
		{`{"text":"a"}{}`, false},
		{`{"text":"a",}`, false},
		{`{,}`, false},
		{`{"text" "a"}`, false},
		{`null`, false},
		{`[]`, false},
		{`"x"`, false},
		{``, false},
		{"\ufeff{}", false},
		{`{"Text":"a"}`, false}, // encoding/json matches keys case-insensitively
		{`{"TEXT":"a"}`, false},
		{`{"ref_ID":"a"}`, false},
		{"{\"ref_id\u017f\":\"a\"}", false},
		{"{\"\u212a\":\"a\"}", false},
		{`{"t\u0065xt":"a"}`, false}, // escaped key
		{`{"other":"a","text":"b"}`, true},
		{`{"other":{"a":[1,-2.5e+3,0.1,1E-2,true,false,null,"s\n",{},[]]},"text":"b"}`, true},
		{`{"other":[1,]}`, false},
		{`{"other":{"a"}}`, false},
		{`{"other":{"a":1,}}`, false},
		{`{"other":01}`, false},
		{`{"other":1.}`, false},
		{`{"other":.1}`, false},
		{`{"other":1e}`, false},
		{`{"other":+1}`, false},
		{`{"other":tru}`, false},
		{`{"other":truex}`, false},
		{`{"other":nul}`, false},
		{"{\"other\":\"\xff\"}", false}, // valid JSON, but declined
		{`{"other":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, false},
		{`{"other":` + strings.Repeat("[", 20) + strings.Repeat("]", 20) + `}`, true},
		{`{"":1}`, true},
	} {
		if got := checkRecord(t, []byte(tc.in)); got != tc.fast {
			t.Errorf("decodeRecord(%q) took the fast path: %v, want %v", tc.in, got, tc.fast)
		}
		checkDecodeJSON(t, []byte(tc.in))
	}
}

func FuzzJSONRecord(f *testing.F) {
	for _, rec := range oddRecords {
		b, _ := json.Marshal(rec)
		f.Add(b)
	}
	f.Add([]byte(`{"text":"a\u0000\ud83d\ude00\ud83d","Body":"x","other":[1,{"a":null}]}`))
	f.Add([]byte(`{"id":12,"id":1e2,"date":"10/03/2007 12:11","ref_\u0069d":"x"}`))
	f.Add(benchRecord())
	f.Fuzz(func(t *testing.T, b []byte) {
		checkRecord(t, b)
		checkDecodeJSON(t, b)
		// What ingest publishes must take the fast path, whatever the text.
		m, _ := json.Marshal(schemas.SourceRecord{ID: int64(len(b)) - 5, RefID: string(b[:len(b)/2]), Body: string(b)})
		if !checkRecord(t, m) {
			t.Fatalf("fast path declined json.Marshal output %s", m)
		}
		checkDecodeJSON(t, m)
	})
}

// benchRecord is a realistic cables.csv row as ingest publishes it: about
// 7 KB, with the newlines, quotes and <>& that json.Marshal escapes.
func benchRecord() []byte {
	header := "VZCZCXYZ0002\nOO RUEHWEB\n\nDE RUEHC #2345 0851800\nZNY SSSSS ZZH\nO R 261800Z MAR 09\n" +
		"FM SECSTATE WASHDC\nTO RUEHLO/AMEMBASSY LONDON NIACT IMMEDIATE 1234\nINFO RUEHFR/AMEMBASSY PARIS 5678\nBT"
	para := "2. (S//NF) Background: Washington intends to designate two\n" +
		"financiers next week under E.O. 13224. The Department believes\n" +
		"the \"charities\" they run channel funds to AQ & affiliates in\n" +
		"the region; posts should seek host government support for the\n" +
		"listing at the UN 1267 Committee <before> the deadline.\n\n"
	body := "S E C R E T STATE 032345\n\nNOFORN\nSIPDIS\n\nE.O. 12958: DECL: 03/26/2034\nTAGS: PTER PREL KTFN UK FR\n" +
		"SUBJECT: (S) DEMARCHE REQUEST: TERRORIST FINANCING\nDESIGNATIONS\n\nREF: A. LONDON 501 B. 2008 PARIS 2067\n\n"
	for len(header)+len(body) < 7000 {
		body += para
	}
	body += "CLINTON"
	b, _ := json.Marshal(schemas.SourceRecord{
		ID: 199234, Date: "03/26/2009 18:00", RefID: "09STATE32345", Origin: "Secretary of State",
		Classification: "SECRET//NOFORN", References: "09LONDON501,08PARIS2067",
		Header: header, Body: body,
	})
	return b
}

func BenchmarkJSONRecord(b *testing.B) {
	rec := benchRecord()
	b.Run("unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(rec)))
		b.ReportAllocs()
		for b.Loop() {
			var r schemas.SourceRecord
			if err := json.Unmarshal(rec, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(rec)))
		b.ReportAllocs()
		for b.Loop() {
			var r schemas.SourceRecord
			if !decodeRecord(rec, &r) {
				b.Fatal("declined")
			}
		}
	})
	// decodeJSON as a whole, before and after.
	b.Run("decodeJSON-before", func(b *testing.B) {
		b.SetBytes(int64(len(rec)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := decodeJSONBefore(rec); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decodeJSON", func(b *testing.B) {
		b.SetBytes(int64(len(rec)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := decodeJSON(rec); err != nil {
				b.Fatal(err)
			}
		}
	})
	// What ingest publishes now: the binary record, through Decode.
	var r schemas.SourceRecord
	if err := json.Unmarshal(rec, &r); err != nil {
		b.Fatal(err)
	}
	bin := schemas.Document{Format: schemas.FormatRecord, Body: r.AppendBinary(nil)}
	b.Run("binary", func(b *testing.B) {
		b.SetBytes(int64(len(rec)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := Decode(bin); err != nil {
				b.Fatal(err)
			}
		}
	})
}
