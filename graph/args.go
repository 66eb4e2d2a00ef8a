package graph

import (
	"encoding/json"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kgql/kgql/graph/model"
	"github.com/kgql/kgql/internal/kg"
)

// Arguments are read into kg filters here, once, for root fields (whose
// typed arguments gqlgen passes) and nested ones (which the selection
// compiler reads from the request). Defaults are the schema's; ranges
// are kg's (the queries' Validate).

// pageArgs are the arguments of a nested page: relations, neighbors,
// degree, documents.
type pageArgs struct {
	Filter *model.Filter `json:"filter"`
	First  *int          `json:"first"`
	After  *string       `json:"after"`
	Last   *int          `json:"last"`
	Before *string       `json:"before"`
}

// decodeArgs reads a nested field's arguments, with the schema's defaults
// and the request's variables applied, into v: through JSON, so that
// they take the same typed form (model.Filter) as root arguments and are
// read by the same functions.
func decodeArgs(f *ast.Field, vars map[string]any, v any) error {
	b, err := json.Marshal(f.ArgumentMap(vars))
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return kg.Errorf(kg.EINVALID, "arguments of %s: %v", f.Alias, err)
	}
	return nil
}

// stepFilter reads a Filter input; nil is every type but MENTIONS, either
// direction, any time, any status.
func stepFilter(f *model.Filter) (kg.StepFilter, error) {
	if f == nil {
		return kg.StepFilter{Direction: kg.Both}, nil
	}
	out := kg.StepFilter{Direction: kg.Both, Types: model.DomainTypes(f.Types), Statuses: model.DomainStatuses(f.Status), With: f.With}
	if f.Direction != nil {
		out.Direction = kg.Direction(*f.Direction)
	}
	out.Dated = deref(f.Dated)
	var err error
	if out.Valid, err = validWindow(f.At, f.Since, f.Until); err != nil {
		return out, err
	}
	out.Stated, err = window("statedSince", f.StatedSince, "statedUntil", f.StatedUntil)
	return out, err
}

// validWindow reads the valid-time arguments: at (a date: any time in
// it), or since and until (either may be open).
func validWindow(at, since, until *string) (kg.Window, error) {
	if at == nil || *at == "" {
		return window("since", since, "until", until)
	}
	if deref(since) != "" || deref(until) != "" {
		return kg.Window{}, kg.Errorf(kg.EINVALID, "give either at, or since and until, not both")
	}
	d, err := parseDate("at", *at)
	if err != nil {
		return kg.Window{}, err
	}
	return kg.Window{Since: d.First(), Until: d.Last()}, nil
}

// window reads a span of two dates, either of them open.
func window(sinceName string, since *string, untilName string, until *string) (kg.Window, error) {
	var w kg.Window
	if deref(since) != "" {
		d, err := parseDate(sinceName, *since)
		if err != nil {
			return w, err
		}
		w.Since = d.First()
	}
	if deref(until) != "" {
		d, err := parseDate(untilName, *until)
		if err != nil {
			return w, err
		}
		w.Until = d.Last()
	}
	return w, nil
}

func parseDate(name, s string) (kg.Date, error) {
	d, err := kg.ParseDate(s)
	if err != nil {
		return d, kg.Errorf(kg.EINVALID, "%s: %v", name, err)
	}
	return d, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// relationFilter reads the filter of the root relations page (its ends
// still references: the resolver resolves names); nil is every type but
// MENTIONS.
func relationFilter(f *model.RelationFilter) (kg.RelationFilter, error) {
	out := kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Out}}
	if f == nil {
		return out, nil
	}
	out.Types, out.Statuses = model.DomainTypes(f.Types), model.DomainStatuses(f.Status)
	out.From, out.To, out.Document = deref(f.From), deref(f.To), deref(f.Document)
	out.Between = f.Between
	out.Dated = deref(f.Dated)
	var err error
	if out.Valid, err = validWindow(f.At, f.Since, f.Until); err != nil {
		return out, err
	}
	out.Stated, err = window("statedSince", f.StatedSince, "statedUntil", f.StatedUntil)
	return out, err
}
