package parse

import (
	"html"
	"strings"
	"time"
)

// decodeHTML extracts a cablegate page: the header lines (first <code><pre>),
// the body (last one) and the metadata table. Tags inside the pre blocks
// (the <a> links around TAGS and ¶) are dropped and entities unescaped.
func decodeHTML(b []byte) (string, PageMeta, error) {
	page := string(b)
	meta := PageMeta{SourceFormat: "cablegate-html"}
	var pres []string
	rest := page
	for {
		i := indexFold(rest, "<pre")
		if i < 0 {
			break
		}
		rest = rest[i:]
		gt := strings.IndexByte(rest, '>')
		if gt < 0 {
			break
		}
		rest = rest[gt+1:]
		end := indexFold(rest, "</pre>")
		if end < 0 {
			end = len(rest)
		}
		pres = append(pres, rest[:end])
		rest = rest[end:]
	}
	readMetaTable(page, &meta)
	if len(pres) == 0 {
		return "", meta, notCable("html page has no cable text")
	}
	var parts []string
	if len(pres) == 1 {
		parts = []string{htmlText(pres[0])}
	} else {
		parts = []string{htmlText(pres[0]), htmlText(pres[len(pres)-1])}
	}
	if strings.Contains(parts[0], "partial extract") {
		meta.Partial = true
	}
	text := strings.Join(parts, "\n\n")
	if strings.TrimSpace(text) == "" {
		return "", meta, notCable("html page has no cable text")
	}
	return text, meta, nil
}

// htmlText strips tags and unescapes entities, then normalizes line ends.
func htmlText(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			sb.WriteString(s)
			break
		}
		sb.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		tag := s[i : i+j+1]
		if len(tag) >= 3 && (tag[1] == 'b' || tag[1] == 'B') && (tag[2] == 'r' || tag[2] == 'R') {
			sb.WriteByte('\n')
		}
		s = s[i+j+1:]
	}
	out := sb.String()
	if strings.IndexByte(out, '&') >= 0 {
		out = unescapeFast(out)
	}
	return normalizeText([]byte(out))
}

// unescapeFast handles the newline entity that makes up most of a page's
// entities without allocating per entity, leaving the rest to html.
func unescapeFast(s string) string {
	s = strings.ReplaceAll(s, "&#x000A;", "\n")
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// readMetaTable fills meta from the page's <table class='cable'>: column
// names come from the <th> cells so a missing Released column is harmless.
func readMetaTable(page string, meta *PageMeta) {
	i := strings.Index(page, "class='cable'")
	if i < 0 {
		i = strings.Index(page, `class="cable"`)
	}
	if i < 0 {
		return
	}
	t := page[i:]
	if e := strings.Index(t, "</table>"); e >= 0 {
		t = t[:e]
	}
	var heads, cells []string
	for _, tag := range []string{"<th", "<td"} {
		s := t
		for {
			j := strings.Index(s, tag)
			if j < 0 {
				break
			}
			s = s[j+3:]
			gt := strings.IndexByte(s, '>')
			if gt < 0 {
				break
			}
			s = s[gt+1:]
			end := strings.Index(s, "</t")
			if end < 0 {
				end = len(s)
			}
			v := strings.TrimSpace(html.UnescapeString(stripTags(s[:end])))
			if tag == "<th" {
				heads = append(heads, v)
			} else {
				cells = append(cells, v)
			}
			s = s[end:]
		}
	}
	for k, h := range heads {
		if k >= len(cells) {
			break
		}
		v := cells[k]
		switch strings.ToLower(h) {
		case "reference id":
			meta.RefID = v
		case "created":
			if tm, err := time.Parse("2006-01-02 15:04", v); err == nil {
				meta.Created, meta.CreatedSource = tm, "page"
			} else if v = strings.TrimSpace(v); v != "" {
				meta.BadDate = v
			}
		case "released":
			if tm, err := time.Parse("2006-01-02 15:04", v); err == nil {
				meta.Released = tm
			}
		case "classification":
			meta.Classification = v
		case "origin":
			meta.Origin = v
		}
	}
}

func stripTags(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	var sb strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			sb.WriteString(s)
			return sb.String()
		}
		sb.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return sb.String()
		}
		s = s[i+j+1:]
	}
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring case.
func indexFold(s, needle string) int {
	n := len(needle)
	for i := 0; i+n <= len(s); i++ {
		j := strings.IndexByte(s[i:], '<')
		if needle[0] != '<' {
			j = 0
		}
		if j < 0 {
			return -1
		}
		i += j
		if i+n > len(s) {
			return -1
		}
		if strings.EqualFold(s[i:i+n], needle) {
			return i
		}
	}
	return -1
}
