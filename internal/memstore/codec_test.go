package memstore

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// fill sets every field of v (a pointer to a struct) to a value that is
// not the zero value, recursively, so that a codec that forgets a field
// fails the round trip below.
func fill(t *testing.T, v reflect.Value, seed int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), seed)
	case reflect.Struct:
		switch v.Type() {
		case reflect.TypeFor[kg.Date]():
			v.Set(reflect.ValueOf(kg.MustDate(fmt.Sprintf("20%02d-0%d", seed%30, 1+seed%9))))
			return
		}
		for i := range v.NumField() {
			fill(t, v.Field(i), seed+i)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(t, v.Index(0), seed+1)
		fill(t, v.Index(1), seed+2)
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", seed))
	case reflect.Int:
		v.SetInt(int64(seed + 1))
	case reflect.Float64:
		v.SetFloat(float64(seed) + 0.25)
	default:
		t.Fatalf("fill: no value for %s", v.Type())
	}
}

func TestCodecKeepsEveryField(t *testing.T) {
	var e kg.Entity
	fill(t, reflect.ValueOf(&e).Elem(), 1)
	b, err := encodeEntity(normEntity(&e))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeEntity(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := normEntity(&e); !reflect.DeepEqual(got, want) {
		t.Errorf("entity:\n got %+v\nwant %+v", got, want)
	}
	var r kg.Relation
	fill(t, reflect.ValueOf(&r).Elem(), 2)
	b, err = encodeRelation(normRelation(&r))
	if err != nil {
		t.Fatal(err)
	}
	gotR, err := decodeRelation(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := normRelation(&r); !reflect.DeepEqual(gotR, want) {
		t.Errorf("relation:\n got %+v\nwant %+v", gotR, want)
	}
}
