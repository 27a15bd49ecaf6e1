package sink

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// shortFields are the row fields the size estimates leave to rowOverhead:
// short, dictionary-encoded or fixed-size values. Every other string
// field must count, so a field added to a row reaches the estimate or is
// listed here on purpose.
var shortFields = map[string]bool{
	"Classification": true, "Origin": true, "SourceFormat": true, "CreatedSource": true, "Precedence": true,
	"ClassificationReasons": true, "DeclassifyOn": true, "Marking": true, "Type": true, "Title": true,
	"Country": true, "Method": true, "Station": true, "OriginCountry": true, "OriginRouting": true, "OriginPost": true,
	"EOOrder": true,
}

// rowSizeGrows checks that size(row) grows by at least the length of a
// long value put in any string or []string field not in shortFields.
func rowSizeGrows[T any](t *testing.T, size func(*T) int) {
	var zero T
	base := size(&zero)
	long := strings.Repeat("x", 10_000)
	typ := reflect.TypeFor[T]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		var r T
		v := reflect.ValueOf(&r).Elem().Field(i)
		switch {
		case f.Type.Kind() == reflect.String:
			v.SetString(long)
		case f.Type == reflect.TypeFor[[]string]():
			v.Set(reflect.ValueOf([]string{long}))
		case f.Type == reflect.TypeFor[[]schemas.Addressee]():
			v.Set(reflect.ValueOf([]schemas.Addressee{{Name: long}}))
		default:
			continue
		}
		if grew := size(&r) - base; grew < len(long) && !shortFields[f.Name] {
			t.Errorf("%s.%s: the size estimate grew %d for a %d-byte value: count it, or list it in shortFields",
				typ.Name(), f.Name, grew, len(long))
		}
	}
}

func TestRowSizesCountEveryLongField(t *testing.T) {
	rowSizeGrows(t, cableRowSize)
	rowSizeGrows(t, paragraphRowSize)
	rowSizeGrows(t, entityRowSize)
}
