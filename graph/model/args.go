package model

import (
	"strings"

	"github.com/kgql/kgql/graph/loader"
	"github.com/kgql/kgql/internal/kg"
)

// WindowOf reads the time arguments: at (a date: any time in it), or since
// and until (either may be open). Malformed dates are BAD_USER_INPUT.
func WindowOf(at, since, until *string) (kg.Window, error) {
	var w kg.Window
	parse := func(name string, s *string) (*kg.Date, error) {
		if s == nil || *s == "" {
			return nil, nil
		}
		d, err := kg.ParseDate(*s)
		if err != nil {
			return nil, kg.Errorf(kg.EINVALID, "%s: %v", name, err)
		}
		return &d, nil
	}
	a, err := parse("at", at)
	if err != nil {
		return w, err
	}
	s, err := parse("since", since)
	if err != nil {
		return w, err
	}
	u, err := parse("until", until)
	if err != nil {
		return w, err
	}
	if a != nil {
		if s != nil || u != nil {
			return w, kg.Errorf(kg.EINVALID, "give either at, or since and until, not both")
		}
		return kg.Window{Since: a.First(), Until: a.Last()}, nil
	}
	if s != nil {
		w.Since = s.First()
	}
	if u != nil {
		w.Until = u.Last()
	}
	if w.Since != "" && w.Until != "" && w.Until < w.Since {
		return w, kg.Errorf(kg.EINVALID, "until %s is before since %s", *until, *since)
	}
	return w, nil
}

// StepFilterOf reads the traversal arguments. No types means every type
// but MENTIONS (kg.FactTypes): documents are reached through documents
// and evidence, or by asking for MENTIONS.
func StepFilterOf(direction Direction, types []RelationType, at, since, until *string) (kg.StepFilter, error) {
	w, err := WindowOf(at, since, until)
	if err != nil {
		return kg.StepFilter{}, err
	}
	f := kg.StepFilter{Direction: kg.Direction(direction), Types: DomainTypes(types), Window: w}
	if len(f.Types) == 0 {
		f.Types = kg.FactTypes
	}
	return f, nil
}

// PageKeyOf reads the arguments of an entity's relations into a loader key.
// first 0 asks only for the total.
func PageKeyOf(id string, direction Direction, types []RelationType, at, since, until *string, first int, after *string) (loader.PageKey, error) {
	if err := kg.CheckRange("first", first, 0, kg.MaxFirst); err != nil {
		return loader.PageKey{}, err
	}
	f, err := StepFilterOf(direction, types, at, since, until)
	if err != nil {
		return loader.PageKey{}, err
	}
	key := loader.PageKey{EntityID: id, Direction: f.Direction, Window: f.Window, First: first}
	names := make([]string, len(f.Types))
	for i, t := range f.Types {
		names[i] = string(t)
	}
	key.Types = strings.Join(names, ",")
	if after != nil {
		key.After = *after
	}
	return key, nil
}
