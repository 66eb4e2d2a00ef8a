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

// deepDifference names the first place where a and b are not
// deep-equal, nil against empty included: "Edges[0].Node.Aliases: nil,
// want []". "" when they are deep-equal.
func deepDifference(a, b any) string {
	return deepDiff(reflect.ValueOf(a), reflect.ValueOf(b), "")
}

func deepDiff(a, b reflect.Value, path string) string {
	nilness := func(v reflect.Value) string {
		if v.IsNil() {
			return "nil"
		}
		return "not nil"
	}
	switch {
	case !a.IsValid() || !b.IsValid():
		if a.IsValid() != b.IsValid() {
			return fmt.Sprintf("%s: %v, want %v", path, a.IsValid(), b.IsValid())
		}
		return ""
	case a.Type() != b.Type():
		return fmt.Sprintf("%s: a %s, want a %s", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: %s, want %s", path, nilness(a), nilness(b))
			}
			return ""
		}
		return deepDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := deepDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: %s (length %d), want %s (length %d)", path, nilness(a), a.Len(), nilness(b), b.Len())
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d, want %d", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := deepDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return fmt.Sprintf("%s: %s map of %d, want %s map of %d", path, nilness(a), a.Len(), nilness(b), b.Len())
		}
		for _, k := range a.MapKeys() {
			if d := deepDiff(a.MapIndex(k), b.MapIndex(k), fmt.Sprintf("%s[%v]", path, k)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %v, want %v", path, a.Interface(), b.Interface())
	}
	return ""
}
