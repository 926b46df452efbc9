package data

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// sortByName orders items the way a Chinese office reads a list: Chinese
// names by pinyin (安 before 李 before 王), Latin names alphabetically
// ignoring case, ties by id so the order is stable.
func sortByName[T any](items []T, name, id func(T) string) {
	c := collate.New(language.SimplifiedChinese, collate.IgnoreCase)
	keys := make([][]byte, len(items))
	var buf collate.Buffer
	for i, it := range items {
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, name(it))...)
		buf.Reset()
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if r := bytes.Compare(keys[a], keys[b]); r != 0 {
			return r
		}
		return strings.Compare(id(items[a]), id(items[b]))
	})
	sorted := make([]T, len(items))
	for i, j := range idx {
		sorted[i] = items[j]
	}
	copy(items, sorted)
}
