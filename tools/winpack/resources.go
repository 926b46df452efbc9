package main

import (
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
)

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
)

// Resources is what an executable's resource section holds that Windows
// shows to a person: icons and version information.
type Resources struct {
	Icons      int // RT_ICON images
	IconGroups int // RT_GROUP_ICON entries (what Explorer shows)
	// Version is the RT_VERSION block, nil when there is none.
	Version *VersionInfo
}

// VersionInfo is the part of a VS_VERSIONINFO block we check.
type VersionInfo struct {
	FileVersion [4]uint16         // from VS_FIXEDFILEINFO
	Strings     map[string]string // StringFileInfo: ProductName, FileVersion, ...
}

// Problems lists what an OpsBench release exe lacks: "" when complete.
func (r Resources) Problems(version string) []string {
	var p []string
	if r.IconGroups == 0 || r.Icons == 0 {
		p = append(p, fmt.Sprintf("no application icon (%d icon groups, %d images)", r.IconGroups, r.Icons))
	}
	if r.Version == nil {
		return append(p, "no version information")
	}
	fv := fmt.Sprintf("%d.%d.%d", r.Version.FileVersion[0], r.Version.FileVersion[1], r.Version.FileVersion[2])
	if fv != version {
		p = append(p, fmt.Sprintf("file version %s, want %s", fv, version))
	}
	if name := r.Version.Strings["ProductName"]; name != "OpsBench" {
		p = append(p, fmt.Sprintf("product name %q, want OpsBench", name))
	}
	return p
}

// ReadResources reads the icon and version resources of a PE file.
func ReadResources(r io.ReaderAt) (Resources, error) {
	f, err := pe.NewFile(r)
	if err != nil {
		return Resources{}, fmt.Errorf("not a Windows executable: %w", err)
	}
	defer f.Close()
	var dir pe.DataDirectory
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		if len(oh.DataDirectory) > pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
		}
	case *pe.OptionalHeader32:
		if len(oh.DataDirectory) > pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
		}
	}
	if dir.Size == 0 {
		return Resources{}, errors.New("no resource section")
	}
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+max(s.VirtualSize, s.Size) {
			data, err := s.Data()
			if err != nil {
				return Resources{}, err
			}
			return parseResources(data, dir.VirtualAddress-s.VirtualAddress, s.VirtualAddress)
		}
	}
	return Resources{}, errors.New("the resource directory is outside every section")
}

// parseResources walks the three-level resource tree (type, name,
// language) that starts at root inside sec, the bytes of the section
// loaded at secRVA.
func parseResources(sec []byte, root, secRVA uint32) (Resources, error) {
	var res Resources
	rd := resReader{sec: sec, root: root}
	types, err := rd.entries(root)
	if err != nil {
		return res, err
	}
	for _, t := range types {
		if !t.dir || t.named {
			continue
		}
		leaves, err := rd.leaves(t.offset, 2)
		if err != nil {
			return res, err
		}
		switch t.id {
		case rtIcon:
			res.Icons += len(leaves)
		case rtGroupIcon:
			res.IconGroups += len(leaves)
		case rtVersion:
			for _, leaf := range leaves {
				b, err := rd.data(leaf, secRVA)
				if err != nil {
					return res, err
				}
				vi, err := parseVersionInfo(b)
				if err != nil {
					return res, fmt.Errorf("version information: %w", err)
				}
				res.Version = &vi
			}
		}
	}
	return res, nil
}

type resEntry struct {
	id     uint32
	named  bool
	dir    bool
	offset uint32 // from the root: a directory, or a data entry
}

type resReader struct {
	sec  []byte
	root uint32
}

var errShort = errors.New("the resource section is cut short")

func (r resReader) entries(at uint32) ([]resEntry, error) {
	if uint64(at)+16 > uint64(len(r.sec)) {
		return nil, errShort
	}
	named := binary.LittleEndian.Uint16(r.sec[at+12:])
	ids := binary.LittleEndian.Uint16(r.sec[at+14:])
	n := uint32(named) + uint32(ids)
	if uint64(at)+16+8*uint64(n) > uint64(len(r.sec)) {
		return nil, errShort
	}
	out := make([]resEntry, 0, n)
	for i := uint32(0); i < n; i++ {
		e := r.sec[at+16+8*i:]
		name, off := binary.LittleEndian.Uint32(e), binary.LittleEndian.Uint32(e[4:])
		out = append(out, resEntry{
			id:     name &^ (1 << 31),
			named:  name&(1<<31) != 0,
			dir:    off&(1<<31) != 0,
			offset: r.root + off&^(1<<31),
		})
	}
	return out, nil
}

// leaves returns the data entries depth levels below the directory at.
func (r resReader) leaves(at uint32, depth int) ([]uint32, error) {
	es, err := r.entries(at)
	if err != nil {
		return nil, err
	}
	var out []uint32
	for _, e := range es {
		switch {
		case e.dir && depth > 1:
			sub, err := r.leaves(e.offset, depth-1)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		case e.dir:
			sub, err := r.entries(e.offset)
			if err != nil {
				return nil, err
			}
			for _, s := range sub {
				if !s.dir {
					out = append(out, s.offset)
				}
			}
		default:
			out = append(out, e.offset)
		}
	}
	return out, nil
}

// data returns the bytes a data entry points at (by RVA).
func (r resReader) data(entry, secRVA uint32) ([]byte, error) {
	if uint64(entry)+16 > uint64(len(r.sec)) {
		return nil, errShort
	}
	rva, size := binary.LittleEndian.Uint32(r.sec[entry:]), binary.LittleEndian.Uint32(r.sec[entry+4:])
	if rva < secRVA || uint64(rva-secRVA)+uint64(size) > uint64(len(r.sec)) {
		return nil, errShort
	}
	return r.sec[rva-secRVA : rva-secRVA+size], nil
}

// parseVersionInfo reads a VS_VERSIONINFO block: its fixed file info and
// every String of its StringFileInfo.
func parseVersionInfo(b []byte) (VersionInfo, error) {
	vi := VersionInfo{Strings: map[string]string{}}
	key, value, _, children, err := versionBlock(b)
	if err != nil {
		return vi, err
	}
	if key != "VS_VERSION_INFO" {
		return vi, fmt.Errorf("unexpected block %q", key)
	}
	if len(value) >= 16 && binary.LittleEndian.Uint32(value) == 0xFEEF04BD {
		ms, ls := binary.LittleEndian.Uint32(value[8:]), binary.LittleEndian.Uint32(value[12:])
		vi.FileVersion = [4]uint16{uint16(ms >> 16), uint16(ms), uint16(ls >> 16), uint16(ls)}
	}
	var walk func(blocks [][]byte) error
	walk = func(blocks [][]byte) error {
		for _, c := range blocks {
			k, v, text, sub, err := versionBlock(c)
			if err != nil {
				return err
			}
			if text && len(sub) == 0 && k != "StringFileInfo" {
				vi.Strings[k] = utf16String(v)
			}
			if err := walk(sub); err != nil {
				return err
			}
		}
		return nil
	}
	return vi, walk(children)
}

// versionBlock splits one version-resource block: wLength, wValueLength,
// wType, a NUL-terminated UTF-16 key, padding to 4 bytes, the value,
// padding, then child blocks up to wLength.
func versionBlock(b []byte) (key string, value []byte, text bool, children [][]byte, err error) {
	if len(b) < 6 {
		return "", nil, false, nil, errShort
	}
	length := int(binary.LittleEndian.Uint16(b))
	valueLen := int(binary.LittleEndian.Uint16(b[2:]))
	text = binary.LittleEndian.Uint16(b[4:]) == 1
	if length < 6 || length > len(b) {
		return "", nil, false, nil, errShort
	}
	b = b[:length]
	i := 6
	var u []uint16
	for ; i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			i += 2
			break
		}
		u = append(u, c)
	}
	key = string(utf16.Decode(u))
	i = align4(i)
	n := valueLen
	if text {
		n *= 2 // text values count UTF-16 words
	}
	if i+n > len(b) {
		n = max(0, len(b)-i)
	}
	value = b[min(i, len(b)) : min(i, len(b))+n]
	i = align4(i + n)
	for i+6 <= len(b) {
		l := int(binary.LittleEndian.Uint16(b[i:]))
		if l < 6 || i+l > len(b) {
			break
		}
		children = append(children, b[i:i+l])
		i = align4(i + l)
	}
	return key, value, text, children, nil
}

func align4(i int) int { return (i + 3) &^ 3 }

func utf16String(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, binary.LittleEndian.Uint16(b[i:]))
	}
	return strings.TrimRight(string(utf16.Decode(u)), "\x00")
}
