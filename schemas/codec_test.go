package schemas

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func sampleCable() Cable {
	return Cable{
		RefID: "07MOSCOW4849", Created: time.Date(2007, 10, 3, 12, 11, 0, 0, time.UTC), CreatedSource: "dtg",
		ContentHash: "abc", Source: "x.txt", SourceFormat: "text", Precedence: "IMMEDIATE",
		TransmissionID: "VZCZCXRO5287", Origin: "AMEMBASSY MOSCOW", OriginRouting: "RUEHMO", OriginPost: "Moscow",
		To:             []Addressee{{Routing: "RUEHC", Name: "SECSTATE WASHDC", Precedence: "IMMEDIATE", MCN: "4347"}},
		Info:           []Addressee{{Name: "MOSCOW POLITICAL COLLECTIVE", Excluded: true}},
		Classification: "CONFIDENTIAL", Caveats: []string{"SIPDIS"}, Tags: []string{"PREL", "RS"},
		TagKinds: []string{"subject", "geographic"}, Subject: "A SUBJECT", References: []string{"06TBILISI2601"},
		ReferencesOther: []string{"EMAIL 1 MAY"}, EOOrder: "12958", DeclDate: "2017-10-01", DeclText: "",
		ClassifiedBy: "Jane Doe", ClassifiedByTitle: "Political M/C", ClassificationReasons: "1.4 (b) and (d)",
		Summary: "s", Comment: "c", Paragraphs: []Paragraph{{N: 1, Marking: "C", Text: "Text one."}, {N: 0, Text: "¶ two"}},
		Signers: []string{"BURNS"}, Section: 1, Sections: 3, IsPartial: true, HasRedactions: true,
		Body: "body", WordCount: 2, Countries: []string{"RU"}, CountryNames: []string{"Russia"},
		Entities: []Entity{{Paragraph: 1, Type: EntityPerson, Text: "Putin", Canonical: "Vladimir Putin", Start: 3, End: 8,
			Title: "President", Country: "RU", Method: "title", Generic: true}},
	}
}

func TestCodecRoundTrip(t *testing.T) {
	for _, c := range []Cable{sampleCable(), {}, {RefID: "X", Created: time.Unix(0, 0).UTC()}} {
		b := c.AppendBinary(nil)
		if n := c.BinarySize(); n != len(b) {
			t.Errorf("BinarySize %d, encoding %d bytes", n, len(b))
		}
		var got Cable
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		// JSON is the contract: the round trip must not change it.
		want, _ := json.Marshal(&c)
		have, _ := json.Marshal(&got)
		if string(want) != string(have) {
			t.Errorf("round trip changed the cable:\n%s\n%s", want, have)
		}
		if c.RefID == "07MOSCOW4849" && !reflect.DeepEqual(c, got) {
			t.Errorf("round trip: %+v", got)
		}
	}
}

func TestCodecRejectsTruncatedInput(t *testing.T) {
	c := sampleCable()
	b := c.AppendBinary(nil)
	for i := range len(b) {
		var got Cable
		if err := got.UnmarshalBinary(b[:i]); err == nil {
			t.Fatalf("accepted %d of %d bytes", i, len(b))
		}
	}
}

func FuzzCodec(f *testing.F) {
	c := sampleCable()
	f.Add(c.AppendBinary(nil))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		var got Cable
		if got.UnmarshalBinary(b) == nil {
			// Whatever decodes must survive another round trip unchanged.
			var again Cable
			enc := got.AppendBinary(nil)
			if n := got.BinarySize(); n != len(enc) {
				t.Fatalf("BinarySize %d, encoding %d bytes", n, len(enc))
			}
			if err := again.UnmarshalBinary(enc); err != nil {
				t.Fatalf("re-encoding does not decode: %v", err)
			}
			j1, _ := json.Marshal(&got)
			j2, _ := json.Marshal(&again)
			if string(j1) != string(j2) {
				t.Fatalf("round trip changed %s to %s", j1, j2)
			}
		}
	})
}

func BenchmarkCodec(b *testing.B) {
	c := sampleCable()
	for range 200 {
		c.Entities = append(c.Entities, c.Entities[0])
	}
	enc := c.AppendBinary(nil)
	js, _ := json.Marshal(&c)
	b.Run("binary", func(b *testing.B) {
		b.SetBytes(int64(len(enc)))
		for b.Loop() {
			var got Cable
			got.UnmarshalBinary(c.AppendBinary(nil))
		}
	})
	b.Run("json", func(b *testing.B) {
		b.SetBytes(int64(len(js)))
		for b.Loop() {
			var got Cable
			out, _ := json.Marshal(&c)
			json.Unmarshal(out, &got)
		}
	})
}

// Messages encoded by the previous codec version (before addressees had
// Excludes) are still decoded: streams may hold them across an upgrade.
func TestCodecReadsVersion1(t *testing.T) {
	c := sampleCable()
	c.To, c.Info = nil, nil // version 1 differs from 2 only in addressees
	b := c.AppendBinary(nil)
	b[0] = 1
	var got Cable
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatalf("version 1: %v", err)
	}
	if got.RefID != c.RefID || len(got.Paragraphs) != len(c.Paragraphs) || got.Subject != c.Subject {
		t.Errorf("version 1 decoded as %+v", got)
	}
	b[0] = 9
	if err := got.UnmarshalBinary(b); err == nil {
		t.Error("an unknown version was decoded")
	}
}
