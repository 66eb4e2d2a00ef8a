package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// View renders an answer as text, field by field, so that two answers
// compare as strings and a difference shows as a line: pointers by what
// they point at, an empty list the same whether nil or not, maps by key.
func View(v any) string {
	var b strings.Builder
	view(&b, reflect.ValueOf(v), "")
	return b.String()
}

func view(b *strings.Builder, v reflect.Value, indent string) {
	switch v.Kind() {
	case reflect.Invalid:
		b.WriteString("nil")
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		view(b, v.Elem(), indent)
	case reflect.Struct:
		b.WriteString(v.Type().Name() + "{")
		for i := range v.NumField() {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(v.Type().Field(i).Name + ":")
			view(b, v.Field(i), indent)
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			b.WriteString("[]")
			return
		}
		// Lists of structures one per line, so that a diff names the item.
		elem := v.Type().Elem()
		lines := elem.Kind() == reflect.Pointer || elem.Kind() == reflect.Struct || elem.Kind() == reflect.Slice
		b.WriteString("[")
		for i := range v.Len() {
			if lines {
				b.WriteString("\n" + indent + "  ")
			} else if i > 0 {
				b.WriteString(" ")
			}
			view(b, v.Index(i), indent+"  ")
		}
		if lines {
			b.WriteString("\n" + indent)
		}
		b.WriteString("]")
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, c reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(c)) })
		b.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(b, "%v:", k)
			view(b, v.MapIndex(k), indent)
		}
		b.WriteString("}")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	default:
		fmt.Fprintf(b, "%v", v)
	}
}

// firstDifference returns the lines around the first line where two views
// differ, for a failure message.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(la) && i < len(lb) && la[i] == lb[i] {
		i++
	}
	at := func(lines []string) string {
		lo, hi := max(0, i-2), min(len(lines), i+3)
		return strings.Join(lines[lo:hi], "\n")
	}
	return fmt.Sprintf("line %d:\n--- got:\n%s\n--- want:\n%s", i+1, at(la), at(lb))
}
