package parse

import (
	"github.com/cablewire/cablewire/schemas"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestZZStations(t *testing.T) {
	if os.Getenv("ZZST") == "" {
		t.Skip()
	}
	fromRoute := map[string]string{}
	for r, post := range routeToPost {
		if st := stationFromPost(post); st != "" {
			fromRoute[st] = r + " " + post
		}
	}
	seen := map[string]int{}
	filepath.Walk(corpusDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		id := refOf(p)
		if st := stationOf(normalizeRefID(id)); st != "" {
			seen[st]++
		}
		return nil
	})
	var ks []string
	for k := range seen {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		_, inR := fromRoute[k]
		fmt.Printf("FILE %s %d known=%v route=%v\n", k, seen[k], knownStations[k], inR)
	}
	var rs []string
	for k, v := range fromRoute {
		rs = append(rs, k+"\t"+v)
	}
	sort.Strings(rs)
	fmt.Println("ROUTES\n" + strings.Join(rs, "\n"))
}

func TestZZRefOther(t *testing.T) {
	if os.Getenv("ZZST") == "" {
		t.Skip()
	}
	for _, sub := range []struct{ d, e, fm string }{{"cablegate", ".html", "cablegate-html"}, {"plusd", ".txt", "text"}} {
		for _, p := range corpusFiles(t, sub.d, sub.e) {
			b, _ := os.ReadFile(p)
			fm := "text"
			if sub.e == ".html" {
				fm = "html"
			}
			c, _ := Parse(docOf(b, fm, p))
			for _, o := range c.ReferencesOther {
				fmt.Printf("OTHER %s | %s\n", refOf(p), o)
			}
		}
	}
}

func docOf(b []byte, fm, p string) (d schemas.Document) {
	d.Body, d.Format, d.RefID = b, fm, refOf(p)
	return
}
