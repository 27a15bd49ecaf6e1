package enrich

import "github.com/cablewire/cablewire/schemas"

// Predictions makes one prediction line per (type, canonical, surface form)
// of an enriched cable, each carrying the entity's other surface forms as
// aliases and the rule (method) of its first mention; generic references are
// left out, as ANNOTATION.md leaves them out of the gold.
func Predictions(c *schemas.Cable) []Prediction {
	type ent struct {
		typ, canonical, method string
		surfaces               []string
	}
	var ents []*ent
	idx := map[[2]string]*ent{}
	for _, e := range c.Entities {
		if e.Generic {
			continue
		}
		k := [2]string{e.Type, e.Canonical}
		en := idx[k]
		if en == nil {
			en = &ent{typ: e.Type, canonical: e.Canonical, method: e.Method}
			idx[k] = en
			ents = append(ents, en)
		}
		dup := false
		for _, s := range en.surfaces {
			if s == e.Text {
				dup = true
				break
			}
		}
		if !dup {
			en.surfaces = append(en.surfaces, e.Text)
		}
	}
	var out []Prediction
	for _, en := range ents {
		for i, s := range en.surfaces {
			var aliases []string
			for j, a := range en.surfaces {
				if j != i {
					aliases = append(aliases, a)
				}
			}
			out = append(out, Prediction{RefID: c.RefID, Type: en.typ, Text: s, Canonical: en.canonical, Aliases: aliases, Method: en.method})
		}
	}
	return out
}
