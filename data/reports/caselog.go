package reports

import (
	"context"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// The after-sales case log template.
//
// Teams keep their after-sales log in a spreadsheet before OpsBench. The
// template is one sheet (XLSX or CSV) with one case a row and these
// columns, headed in English or in Chinese (either name of a column
// works, in any order; other columns are ignored):
//
//	Created          创建时间     required  when the case came in, office time: 2024-03-05 14:30, 2024/3/5 14:30, 03/05/2024 2:30 PM, or an Excel date
//	Channel          渠道         required  chat 聊天, email 邮件, phone 电话, buyer message 买家消息 (站内信), review 评论, other 其他
//	Type             类型         required  inquiry 咨询, damaged in transit 运输损坏, lost parcel 丢件, packaging problem 包装问题, wrong item 发错货, return/refund 退货退款, complaint 投诉, negative review 差评, other 其他
//	Customer         客户                   the buyer's name
//	Contact          联系方式               e-mail or phone
//	Order ID         订单号                 e.g. 113-1234567-1234567
//	Tracking number  运单号                 spaces are removed
//	Carrier          承运商
//	SKU              SKU
//	Status           状态                   new 新建, open 处理中, waiting on customer 等待客户, waiting on carrier 等待物流, resolved 已解决, closed 已关闭; empty: open when a first reply is given, else new
//	Owner            负责人                 a team member's name
//	First reply      首次回复时间           office time, as Created
//	Notes            备注
//
// CaseLogTemplate returns the header (and an example row) in either
// language, to hand to WriteXLSX as the downloadable template.

// CaseLogColumn describes one column of the case log template.
type CaseLogColumn struct {
	Key      string
	English  string
	Chinese  string
	Required bool
}

// CaseLogColumns lists the template's columns in order.
func CaseLogColumns() []CaseLogColumn {
	return []CaseLogColumn{
		{"created", "Created", "创建时间", true},
		{"channel", "Channel", "渠道", true},
		{"type", "Type", "类型", true},
		{"customer", "Customer", "客户", false},
		{"contact", "Contact", "联系方式", false},
		{"order_id", "Order ID", "订单号", false},
		{"tracking_number", "Tracking number", "运单号", false},
		{"carrier", "Carrier", "承运商", false},
		{"sku", "SKU", "SKU", false},
		{"status", "Status", "状态", false},
		{"owner", "Owner", "负责人", false},
		{"first_reply", "First reply", "首次回复时间", false},
		{"notes", "Notes", "备注", false},
	}
}

// caseLogAliases are further header names people give these columns.
var caseLogAliases = map[string][]string{
	"created":         {"Created (office time)", "Created at", "Date", "创建日期", "日期", "登记时间"},
	"type":            {"Case type", "Issue", "问题类型", "售后类型"},
	"customer":        {"Buyer", "Customer name", "买家", "客户姓名", "买家姓名"},
	"contact":         {"Email", "Phone", "联系电话", "邮箱"},
	"order_id":        {"Order", "Order number", "订单编号", "亚马逊订单号"},
	"tracking_number": {"Tracking", "Tracking no", "Tracking no.", "物流单号", "跟踪号", "快递单号"},
	"carrier":         {"Shipping carrier", "物流商", "物流公司", "快递公司"},
	"owner":           {"Assignee", "Handled by", "跟进人", "处理人", "客服"},
	"first_reply":     {"First reply time", "First response", "首次回复", "首次回复时间（办公时间）"},
	"notes":           {"Note", "Remarks", "Comments", "说明", "备注说明"},
}

func caseLogSpecColumns() []column {
	var cols []column
	for _, c := range CaseLogColumns() {
		names := append([]string{c.English, c.Chinese}, caseLogAliases[c.Key]...)
		cols = append(cols, column{key: c.Key, required: c.Required, names: names})
	}
	return cols
}

// CaseLogTemplate is the template sheet with its header in lang
// ("zh-Hans" for Chinese, anything else English) and one example row.
func CaseLogTemplate(lang string) Sheet {
	zh := strings.HasPrefix(strings.ToLower(lang), "zh")
	var header []string
	for _, c := range CaseLogColumns() {
		if zh {
			header = append(header, c.Chinese)
		} else {
			header = append(header, c.English)
		}
	}
	example := []any{"2024-03-05 14:30", "email", "damaged in transit", "John Doe", "john@example.com",
		"113-1234567-1234567", "1Z999AA10123456784", "UPS", "MUG-11", "open", "Lily", "2024-03-05 15:10",
		"mug arrived dented, photo received"}
	name := "Cases"
	if zh {
		example = []any{"2024/3/5 14:30", "邮件", "运输损坏", "John Doe", "john@example.com",
			"113-1234567-1234567", "1Z999AA10123456784", "UPS", "MUG-11", "处理中", "Lily", "2024/3/5 15:10",
			"杯子运输途中压坏，已收到照片"}
		name = "售后记录"
	}
	return Sheet{Name: name, Header: header, Rows: [][]any{example}}
}

// choice is one allowed value of a case column and the ways it is
// written.
type choice struct {
	key   string
	names []string
}

var caseChannels = []choice{
	{string(app.ChannelChat), []string{"chat", "live chat", "聊天", "在线聊天", "在线客服"}},
	{string(app.ChannelEmail), []string{"email", "e-mail", "mail", "邮件", "邮箱", "电子邮件"}},
	{string(app.ChannelPhone), []string{"phone", "call", "telephone", "phone callback", "电话", "回电"}},
	{string(app.ChannelBuyerMessage), []string{"buyer message", "amazon buyer message", "amazon message", "amazon", "买家消息", "站内信", "亚马逊消息", "买家与卖家消息"}},
	{string(app.ChannelReview), []string{"review", "评论", "评价"}},
	{string(app.ChannelOther), []string{"other", "其他", "其它"}},
}

// Case types: the keys CaseRow.Type takes.
const (
	CaseInquiry          = "inquiry"
	CaseDamagedInTransit = "damaged_in_transit"
	CaseLostParcel       = "lost_parcel"
	CasePackagingProblem = "packaging_problem"
	CaseWrongItem        = "wrong_item"
	CaseReturnRefund     = "return_refund"
	CaseComplaint        = "complaint"
	CaseNegativeReview   = "negative_review"
	CaseOtherType        = "other"
)

var caseTypes = []choice{
	{CaseInquiry, []string{"inquiry", "question", "咨询", "询问"}},
	{CaseDamagedInTransit, []string{"damaged in transit", "damaged", "transit damage", "运输损坏", "破损", "货损", "运输破损"}},
	{CaseLostParcel, []string{"lost parcel", "lost", "lost package", "丢件", "包裹丢失", "丢包"}},
	{CasePackagingProblem, []string{"packaging problem", "packaging", "包装问题", "包装"}},
	{CaseWrongItem, []string{"wrong item", "wrong product", "发错货", "错发", "错件"}},
	{CaseReturnRefund, []string{"return/refund", "return", "refund", "return refund", "退货退款", "退货", "退款"}},
	{CaseComplaint, []string{"complaint", "投诉"}},
	{CaseNegativeReview, []string{"negative review", "bad review", "差评"}},
	{CaseOtherType, []string{"other", "其他", "其它"}},
}

// CaseTypes lists the case type keys in display order.
func CaseTypes() []string {
	out := make([]string, len(caseTypes))
	for i, c := range caseTypes {
		out[i] = c.key
	}
	return out
}

var caseStatuses = []choice{
	{string(app.CaseNew), []string{"new", "新建", "新"}},
	{string(app.CaseOpen), []string{"open", "in progress", "处理中", "进行中", "跟进中", "待处理"}},
	{string(app.CaseWaitingCustomer), []string{"waiting on customer", "waiting for customer", "waiting on buyer", "等待客户", "等待买家", "待客户回复"}},
	{string(app.CaseWaitingCarrier), []string{"waiting on carrier", "waiting for carrier", "等待物流", "等待承运商"}},
	{string(app.CaseResolved), []string{"resolved", "done", "solved", "已解决", "已完成", "已处理"}},
	{string(app.CaseClosed), []string{"closed", "已关闭", "关闭"}},
}

// pick finds a value among the choices, by key or by any of its names.
func pick(choices []choice, s string) (string, bool) {
	n := normHeader(s)
	for _, c := range choices {
		if n == normHeader(c.key) {
			return c.key, true
		}
		for _, name := range c.names {
			if n == normHeader(name) {
				return c.key, true
			}
		}
	}
	return "", false
}

func choiceNames(choices []choice) string {
	var keys []string
	for _, c := range choices {
		keys = append(keys, c.names[0])
	}
	return strings.Join(keys, ", ")
}

// CaseRow is one case of an after-sales log. Times are UTC instants read
// from office time (Options.Location).
type CaseRow struct {
	Row      int
	Created  time.Time
	Channel  app.Channel
	Type     string // one of CaseTypes
	Customer string
	Contact  string
	OrderID  string
	// Tracking is the tracking number with spaces removed, upper case.
	Tracking   string
	Carrier    string
	SKU        string
	Status     app.CaseStatus
	Owner      string // a name, as written; the importer finds the person
	FirstReply time.Time
	Notes      string
}

// RowNumber implements Row.
func (r CaseRow) RowNumber() int { return r.Row }

// Cases hands every good row of an after-sales case log to fn. Pass the
// office's time zone as Options.Location: the log's times are office
// times.
func (f *File) Cases(ctx context.Context, fn func(CaseRow) error) (*Summary, error) {
	s := specOf(KindCases)
	var (
		iCreated, iChannel, iType = s.col("created"), s.col("channel"), s.col("type")
		iCustomer, iContact       = s.col("customer"), s.col("contact")
		iOrder, iTracking         = s.col("order_id"), s.col("tracking_number")
		iCarrier, iSKU, iStatus   = s.col("carrier"), s.col("sku"), s.col("status")
		iOwner, iReply, iNotes    = s.col("owner"), s.col("first_reply"), s.col("notes")
	)
	conv := func(c *cells) CaseRow {
		r := CaseRow{
			Row:        c.row,
			Created:    c.time(iCreated, true),
			Customer:   c.text(iCustomer),
			Contact:    c.text(iContact),
			OrderID:    c.text(iOrder),
			Tracking:   strings.ToUpper(strings.Join(strings.Fields(c.text(iTracking)), "")),
			Carrier:    c.text(iCarrier),
			SKU:        c.text(iSKU),
			Owner:      c.text(iOwner),
			FirstReply: c.time(iReply, false),
			Notes:      c.text(iNotes),
		}
		if v := c.required(iChannel); v != "" {
			if k, ok := pick(caseChannels, v); ok {
				r.Channel = app.Channel(k)
			} else {
				c.problem(iChannel, ProblemBadChoice, v, choiceNames(caseChannels))
			}
		}
		if v := c.required(iType); v != "" {
			if k, ok := pick(caseTypes, v); ok {
				r.Type = k
			} else {
				c.problem(iType, ProblemBadChoice, v, choiceNames(caseTypes))
			}
		}
		switch v := c.text(iStatus); {
		case v == "" && r.FirstReply.IsZero():
			r.Status = app.CaseNew
		case v == "":
			r.Status = app.CaseOpen
		default:
			if k, ok := pick(caseStatuses, v); ok {
				r.Status = app.CaseStatus(k)
			} else {
				c.problem(iStatus, ProblemBadChoice, v, choiceNames(caseStatuses))
			}
		}
		c.when = r.Created
		return r
	}
	return each(ctx, f, KindCases, conv, fn)
}
