package reports

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Kind is a kind of file the readers know.
type Kind string

// The kinds of file OpsBench reads.
const (
	// KindAllOrders is Amazon's All Orders flat file (order lines).
	KindAllOrders Kind = "all_orders"
	// KindFBAInventory is the FBA Manage Inventory report (a stock
	// snapshot per SKU).
	KindFBAInventory Kind = "fba_inventory"
	// KindBusinessReport is the Business Report "Detail Page Sales and
	// Traffic by Child Item".
	KindBusinessReport Kind = "business_report"
	// KindFBAReturns is the FBA customer returns report.
	KindFBAReturns Kind = "fba_returns"
	// KindCases is OpsBench's after-sales case log template (see
	// CaseLogColumns).
	KindCases Kind = "cases"
	// KindCatalog is OpsBench's catalog template (see CatalogColumns).
	KindCatalog Kind = "catalog"
)

// Kinds lists every kind in the order detection tries them.
func Kinds() []Kind {
	return []Kind{KindAllOrders, KindFBAInventory, KindBusinessReport, KindFBAReturns, KindCases, KindCatalog}
}

// Title is the kind's name as Seller Central (or OpsBench) calls it, in
// English, for messages.
func (k Kind) Title() string {
	if s := specOf(k); s != nil {
		return s.title
	}
	return string(k)
}

// ParseKind reads a kind given on the command line (--kind): its id
// ("all_orders"), or "orders", "inventory", "business", "returns",
// "cases".
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	switch k {
	case "orders":
		k = KindAllOrders
	case "inventory":
		k = KindFBAInventory
	case "business":
		k = KindBusinessReport
	case "returns":
		k = KindFBAReturns
	}
	if specOf(k) == nil {
		return "", fmt.Errorf("unknown kind %q: use one of %s", s, knownKinds())
	}
	return k, nil
}

func knownKinds() string {
	var names []string
	for _, k := range Kinds() {
		names = append(names, fmt.Sprintf("%s (%s)", k.Title(), k))
	}
	return strings.Join(names, ", ")
}

// column is one column a kind reads. names are the header texts that
// mean it: Seller Central's English name first, then Chinese ones.
type column struct {
	key      string
	required bool
	names    []string
}

type kindSpec struct {
	kind  Kind
	title string
	cols  []column
	index map[string]int // normalized header name -> column
	// minFound is how many of its columns a header needs before the kind
	// is detected without being asked for: the catalog requires only a
	// SKU column, which many files have.
	minFound int
}

func (s *kindSpec) col(key string) int {
	for i, c := range s.cols {
		if c.key == key {
			return i
		}
	}
	panic("reports: kind " + string(s.kind) + " has no column " + key)
}

// specs are the kinds' columns. Flat files (orders, inventory, returns)
// keep their English keys in most Chinese exports; the Chinese names are
// what the Chinese Seller Central help and translated sheets call them.
var specs = func() []*kindSpec {
	r, o := true, false
	all := []*kindSpec{
		{kind: KindAllOrders, title: "All Orders", cols: []column{
			{"order_id", r, []string{"amazon-order-id", "亚马逊订单编号", "订单编号", "订单号"}},
			{"order_item_id", o, []string{"order-item-id", "订单商品编号"}},
			{"merchant_order_id", o, []string{"merchant-order-id", "卖家订单编号"}},
			{"purchase_date", r, []string{"purchase-date", "购买日期", "下单日期"}},
			{"last_updated", o, []string{"last-updated-date", "最后更新日期"}},
			{"order_status", o, []string{"order-status", "订单状态"}},
			{"fulfillment_channel", o, []string{"fulfillment-channel", "配送渠道"}},
			{"sales_channel", o, []string{"sales-channel", "销售渠道"}},
			{"sku", r, []string{"sku", "卖家sku"}},
			{"asin", o, []string{"asin"}},
			{"product_name", o, []string{"product-name", "商品名称"}},
			{"item_status", o, []string{"item-status", "商品状态"}},
			{"quantity", r, []string{"quantity", "quantity-purchased", "购买数量", "数量"}},
			{"currency", o, []string{"currency", "货币"}},
			{"item_price", o, []string{"item-price", "商品价格"}},
			{"item_tax", o, []string{"item-tax", "商品税"}},
			{"shipping_price", o, []string{"shipping-price", "配送价格", "运费"}},
			{"item_promotion_discount", o, []string{"item-promotion-discount", "商品促销折扣"}},
			{"ship_city", o, []string{"ship-city", "配送城市"}},
			{"ship_state", o, []string{"ship-state", "配送州/省"}},
			{"ship_postal_code", o, []string{"ship-postal-code", "配送邮编"}},
			{"ship_country", o, []string{"ship-country", "配送国家/地区"}},
			{"is_business_order", o, []string{"is-business-order", "企业订单"}},
		}},
		{kind: KindFBAInventory, title: "FBA Manage Inventory", cols: []column{
			{"sku", r, []string{"sku", "卖家sku"}},
			{"fnsku", o, []string{"fnsku"}},
			{"asin", o, []string{"asin"}},
			{"product_name", o, []string{"product-name", "商品名称"}},
			{"condition", o, []string{"condition", "状况"}},
			{"your_price", o, []string{"your-price", "您的价格"}},
			{"mfn_fulfillable", o, []string{"mfn-fulfillable-quantity", "卖家自配送可售数量"}},
			{"warehouse", o, []string{"afn-warehouse-quantity", "亚马逊仓库数量"}},
			{"fulfillable", r, []string{"afn-fulfillable-quantity", "可售数量", "亚马逊物流可售数量"}},
			{"unsellable", o, []string{"afn-unsellable-quantity", "不可售数量"}},
			{"reserved", o, []string{"afn-reserved-quantity", "预留数量"}},
			{"total", o, []string{"afn-total-quantity", "总数量"}},
			{"inbound_working", o, []string{"afn-inbound-working-quantity", "入库处理中数量", "入库-处理中"}},
			{"inbound_shipped", o, []string{"afn-inbound-shipped-quantity", "入库已发货数量", "入库-已发货"}},
			{"inbound_receiving", o, []string{"afn-inbound-receiving-quantity", "入库接收中数量", "入库-接收中"}},
			{"researching", o, []string{"afn-researching-quantity", "调查中数量"}},
		}},
		{kind: KindBusinessReport, title: "Business Report (by child item)", cols: []column{
			{"parent_asin", o, []string{"(Parent) ASIN", "（父）ASIN", "父ASIN"}},
			{"child_asin", r, []string{"(Child) ASIN", "（子）ASIN", "子ASIN"}},
			{"title", o, []string{"Title", "标题", "商品名称"}},
			{"sku", o, []string{"SKU"}},
			{"sessions", r, []string{"Sessions - Total", "Sessions", "会话次数 – 总计", "会话次数", "买家访问次数"}},
			{"session_pct", o, []string{"Session Percentage - Total", "Session Percentage", "会话百分比 – 总计", "会话百分比", "买家访问次数百分比"}},
			{"page_views", o, []string{"Page Views - Total", "Page Views", "页面浏览量 – 总计", "页面浏览量", "页面浏览次数"}},
			{"page_views_pct", o, []string{"Page Views Percentage - Total", "Page Views Percentage", "页面浏览量百分比 – 总计", "页面浏览量百分比", "页面浏览次数百分比"}},
			{"buy_box_pct", o, []string{"Featured Offer (Buy Box) Percentage", "Buy Box Percentage", "推荐报价（推荐报价展示位）百分比", "购买按钮赢得率"}},
			{"units_ordered", r, []string{"Units Ordered", "已订购商品数量"}},
			{"units_ordered_b2b", o, []string{"Units Ordered - B2B", "已订购商品数量 - B2B"}},
			{"unit_session_pct", o, []string{"Unit Session Percentage", "商品会话百分比", "订单商品数量转化率"}},
			{"sales", r, []string{"Ordered Product Sales", "已订购商品销售额"}},
			{"sales_b2b", o, []string{"Ordered Product Sales - B2B", "已订购商品销售额 - B2B"}},
			{"total_order_items", o, []string{"Total Order Items", "订单商品总数", "订单商品种类数"}},
		}},
		{kind: KindFBAReturns, title: "FBA customer returns", cols: []column{
			{"return_date", r, []string{"return-date", "退货日期"}},
			{"order_id", r, []string{"order-id", "订单编号", "订单号"}},
			{"sku", r, []string{"sku", "卖家sku"}},
			{"asin", o, []string{"asin"}},
			{"fnsku", o, []string{"fnsku"}},
			{"product_name", o, []string{"product-name", "商品名称"}},
			{"quantity", r, []string{"quantity", "数量"}},
			{"fulfillment_center", o, []string{"fulfillment-center-id", "运营中心", "运营中心编号"}},
			{"disposition", o, []string{"detailed-disposition", "详细处置", "库存属性"}},
			{"reason", o, []string{"reason", "退货原因", "原因"}},
			{"status", o, []string{"status", "状态"}},
			{"license_plate", o, []string{"license-plate-number", "LPN编号", "退货商品编号"}},
			{"comments", o, []string{"customer-comments", "买家评论", "买家备注"}},
		}},
		{kind: KindCases, title: "After-sales case log", cols: caseLogSpecColumns()},
		{kind: KindCatalog, title: "Catalog", cols: catalogSpecColumns(), minFound: 3},
	}
	for _, s := range all {
		s.index = map[string]int{}
		for i, c := range s.cols {
			for _, n := range c.names {
				s.index[normHeader(n)] = i
			}
		}
	}
	return all
}()

func specOf(k Kind) *kindSpec {
	for _, s := range specs {
		if s.kind == k {
			return s
		}
	}
	return nil
}

// normHeader folds the ways one header is written: full-width brackets
// and letters (NFKC), case, spaces, dashes of every width, underscores,
// brackets, slashes and a byte-order mark. "(Child) ASIN", "（子）ASIN"
// and "child-asin" differ only in the words left.
func normHeader(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '\t', '\u00a0', '\u3000', '-', '_', '–', '—', '−', '‐', '(', ')', '[', ']', '/', '.', ':', '\ufeff', '"', '\'':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// match is how well a header row fits a kind.
type match struct {
	spec    *kindSpec
	pos     []int // column -> index in the header, -1 when absent
	found   int   // columns found
	missing []string
}

func matchSpec(s *kindSpec, header []string) match {
	m := match{spec: s, pos: make([]int, len(s.cols))}
	for i := range m.pos {
		m.pos[i] = -1
	}
	for i, h := range header {
		if c, ok := s.index[normHeader(h)]; ok && m.pos[c] < 0 {
			m.pos[c] = i
			m.found++
		}
	}
	for i, c := range s.cols {
		if c.required && m.pos[i] < 0 {
			m.missing = append(m.missing, c.names[0])
		}
	}
	return m
}

// detect picks the kind whose required columns are all in header (with
// at least minFound columns, or every column of the header its own), the
// one with the most columns found when several fit. want, when set, is the
// only kind considered. With no fit it returns the closest kind's
// missing columns (at least half its required columns present) or an
// *UnknownKindError.
func detect(header []string, want Kind) (match, error) {
	if want != "" {
		s := specOf(want)
		if s == nil {
			return match{}, fmt.Errorf("unknown kind %q: use one of %s", want, knownKinds())
		}
		m := matchSpec(s, header)
		if len(m.missing) > 0 {
			return m, &MissingColumnsError{Kind: want, Missing: m.missing, Header: cleanHeader(header)}
		}
		return m, nil
	}
	var best, near match
	nearScore := 0
	named := len(cleanHeader(header))
	for _, s := range specs {
		m := matchSpec(s, header)
		// A kind fits with its required columns and enough of the others,
		// or when it names every column of a file of two or more (a
		// catalog file of SKU and Price only).
		if len(m.missing) == 0 && (m.found >= s.minFound || (m.found == named && named >= 2)) {
			if best.spec == nil || m.found > best.found {
				best = m
			}
			continue
		}
		req := 0
		for _, c := range s.cols {
			if c.required {
				req++
			}
		}
		if have := req - len(m.missing); have*2 >= req && have > nearScore {
			near, nearScore = m, have
		}
	}
	if best.spec != nil {
		return best, nil
	}
	if near.spec != nil {
		return near, &MissingColumnsError{Kind: near.spec.kind, Missing: near.missing, Header: cleanHeader(header)}
	}
	return match{}, &UnknownKindError{Header: cleanHeader(header)}
}

func cleanHeader(h []string) []string {
	out := make([]string, 0, len(h))
	for _, x := range h {
		out = append(out, strings.TrimSpace(strings.TrimPrefix(x, "\ufeff")))
	}
	return slices.Clip(out)
}
