package memstore

import (
	"context"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// History implements kg.Writer: the changes that touched id, oldest
// first. (Merges are not written yet, so no entity has merged ones.)
func (s *Store) History(ctx context.Context, id string, first int, after string) (*kg.ChangePage, error) {
	from, err := changePageArgs(first, after)
	if err != nil {
		return nil, err
	}
	page := &kg.ChangePage{}
	err = s.read(ctx, func(*reader) error {
		seqs := s.cur.touched[id]
		i, _ := slices.BinarySearch(seqs, from+1)
		for _, seq := range seqs[i:] {
			if len(page.Changes) == first {
				page.HasNextPage = true
				break
			}
			page.Changes = append(page.Changes, s.cur.changes[seq-1])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// Changes implements kg.Writer: the log in Seq order, filtered.
func (s *Store) Changes(ctx context.Context, after string, first int, f kg.ChangeFilter) (*kg.ChangePage, error) {
	from, err := changePageArgs(first, after)
	if err != nil {
		return nil, err
	}
	for _, op := range f.Ops {
		if !op.Valid() {
			return nil, kg.Errorf(kg.EINVALID, "unknown op %q", op)
		}
	}
	page := &kg.ChangePage{}
	err = s.read(ctx, func(*reader) error {
		for _, ch := range s.cur.changes[min(from, int64(len(s.cur.changes))):] {
			if !selects(f, ch) {
				continue
			}
			if len(page.Changes) == first {
				page.HasNextPage = true
				break
			}
			page.Changes = append(page.Changes, ch)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// changePageArgs checks a page of changes: its size and its cursor,
// giving the Seq it starts after.
func changePageArgs(first int, after string) (int64, error) {
	if err := kg.CheckRange("first", first, 0, kg.MaxFirst); err != nil {
		return 0, err
	}
	return kg.ParseChangeCursor(after)
}

func selects(f kg.ChangeFilter, ch *kg.Change) bool {
	return (len(f.Ops) == 0 || slices.Contains(f.Ops, ch.Op)) &&
		(f.Principal == "" || ch.Principal.ID == f.Principal) &&
		(f.Since.IsZero() || !ch.At.Before(f.Since))
}
