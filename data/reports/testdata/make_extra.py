#!/usr/bin/env python3
"""Writes the extra report fixtures (see README.md) into the current folder."""
import codecs


def w(name, text, enc="utf-8", bom=b""):
    open(name, "wb").write(bom + text.encode(enc))


def csv(rows, sep=","):
    def q(c):
        return '"%s"' % c.replace('"', '""') if any(x in c for x in ',";') else c
    return "\r\n".join(sep.join(q(c) for c in r) for r in rows) + "\r\n"


# All Orders, Chinese headers, CSV, GB18030, CRLF, Chinese dates and statuses.
hdr = ["订单编号", "购买日期", "订单状态", "SKU", "ASIN", "商品名称", "商品状态", "购买数量", "货币", "商品价格", "商品税", "配送价格"]
rows = [
    ["113-1000001-2000001", "2024/3/5 10:20:30", "已发货", "MUG-11", "B0MUG00011", "搪瓷露营杯", "已发货", "2", "USD", "33.98", "2.72", "0.00"],
    ["113-1000001-2000001", "2024/3/5 10:20:30", "已发货", "MUG-11", "B0MUG00011", "搪瓷露营杯", "已发货", "1", "USD", "16.99", "1.36", "0.00"],
    ["113-1000002-2000002", "2024/3/6 09:05:00", "已取消", "TOWEL-22", "B0TWL00022", "超细纤维旅行毛巾", "已取消", "1", "USD", "24.50", "0.00", "0.00"],
    ["113-1000003-2000003", "2024/3/7 23:59:59", "已发货", "TOWEL-22", "B0TWL00022", "超细纤维旅行毛巾", "已发货", "3", "USD", "1,073.50", "0.00", "4.99"],
]
w("all_orders_zh_gb18030.csv", csv([hdr] + rows), "gb18030")

# FBA inventory, Chinese headers, CSV, UTF-8 with BOM.
hdr = ["SKU", "FNSKU", "ASIN", "商品名称", "状况", "您的价格", "可售数量", "不可售数量", "预留数量", "入库处理中数量", "入库已发货数量", "入库接收中数量"]
rows = [["MUG-11", "X00MUG0011", "B0MUG00011", "搪瓷露营杯", "新品", "16.99", "400", "2", "18", "0", "60", "5"],
        ["TOWEL-22", "X00TWL0022", "B0TWL00022", "超细纤维旅行毛巾", "新品", "24.50", "", "", "", "", "", ""]]
w("fba_inventory_zh.csv", csv([hdr] + rows), bom=codecs.BOM_UTF8)

# FBA returns, Chinese headers, tab-separated UTF-16 LE with BOM.
hdr = ["退货日期", "订单编号", "SKU", "ASIN", "FNSKU", "商品名称", "数量", "运营中心编号", "详细处置", "退货原因", "状态", "LPN编号", "买家评论"]
rows = [["2024-03-05T10:12:00+00:00", "113-0000004-4000004", "MUG-11", "B0MUG00011", "X00MUG0011", "搪瓷露营杯", "1", "PHX7", "CUSTOMER_DAMAGED", "DAMAGED_BY_CARRIER", "已退回库存", "LPNRR0000001", "杯子有凹痕"],
        ["2024-03-08T15:40:00+00:00", "113-0000010-4000010", "TOWEL-22", "B0TWL00022", "X00TWL0022", "超细纤维旅行毛巾", "2", "LGB8", "SELLABLE", "NOT_AS_DESCRIBED", "已退回库存", "LPNRR0000002", "比预期小"]]
w("fba_returns_zh_utf16.txt", "\r\n".join("\t".join(r) for r in [hdr] + rows) + "\r\n", "utf-16-le", codecs.BOM_UTF16_LE)

# Business report from an EU marketplace: semicolons, decimal commas, euro after the amount.
hdr = ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions - Total", "Session Percentage - Total", "Page Views - Total",
       "Units Ordered", "Unit Session Percentage", "Ordered Product Sales", "Total Order Items"]
rows = [["B0MUG00010", "B0MUG00011", "Emaille-Becher", "MUG-11", "2.310", "14,20%", "3.004", "182", "7,88%", "3.092,18 €", "171"],
        ["B0TWL00020", "B0TWL00022", "Reisehandtuch", "TOWEL-22", "1.045", "6,42%", "1.377", "61", "5,84%", "1.494,50 €", "58"]]
w("business_report_de.csv", "\r\n".join(";".join('"%s"' % c for c in r) for r in [hdr] + rows) + "\r\n")

# The after-sales case log template, English (UTF-8) and Chinese (UTF-8 BOM and GB18030).
en = ["Created", "Channel", "Type", "Customer", "Contact", "Order ID", "Tracking number", "Carrier", "SKU", "Status", "Owner", "First reply", "Notes"]
rows = [["2024-03-05 14:30", "email", "damaged in transit", "John Doe", "john@example.com", "113-1234567-1234567", "1Z 999 AA1 0123456784", "UPS", "MUG-11", "open", "Lily", "2024-03-05 15:10", "mug arrived dented"],
        ["03/06/2024 9:15 AM", "Amazon buyer message", "lost parcel", "Jane Roe", "", "113-7654321-7654321", "9400111899223100000000", "USPS", "TOWEL-22", "waiting on carrier", "Wang Fang", "", "claim filed, \"tracking stuck\""],
        ["2024-03-07 18:05", "chat", "inquiry", "Ann Lee", "", "", "", "", "", "", "Lily", "", ""]]
w("cases_en.csv", "\r\n".join(",".join('"%s"' % c.replace('"', '""') for c in r) for r in [en] + rows) + "\r\n")
zh = ["创建时间", "渠道", "类型", "客户", "联系方式", "订单号", "运单号", "承运商", "SKU", "状态", "负责人", "首次回复时间", "备注"]
rows = [["2024/3/5 14:30", "邮件", "运输损坏", "张伟", "zhang@example.com", "113-1234567-1234567", "SF 1234 5678 9012", "顺丰", "MUG-11", "处理中", "李丽", "2024/3/5 15:10", "杯子压坏，已收到照片"],
        ["2024/3/6 9:15", "站内信", "丢件", "王芳", "", "113-7654321-7654321", "YT1234567890", "圆通", "TOWEL-22", "等待物流", "王芳", "", "已提交索赔"],
        ["2024年3月7日 18:05", "聊天", "咨询", "李娜", "", "", "", "", "", "已解决", "李丽", "2024/3/7 18:06", ""]]
zh_text = "\r\n".join(",".join('"%s"' % c.replace('"', '""') for c in r) for r in [zh] + rows) + "\r\n"
w("cases_zh.csv", zh_text, bom=codecs.BOM_UTF8)
w("cases_zh_gb18030.csv", zh_text, "gb18030")

# Broken files.
open("empty.csv", "wb").write(b"")
w("unknown.csv", "Date,Campaign,Impressions,Clicks\r\n2024-03-05,Spring,1000,20\r\n")
w("orders_missing_quantity.txt", "amazon-order-id\tpurchase-date\tsku\titem-status\n113-1\t2024-03-05T10:00:00+00:00\tMUG-11\tShipped\n")
bad = ["amazon-order-id\tpurchase-date\tsku\titem-status\tquantity\titem-price\tcurrency",
       "113-2000001-0000001\t2024-03-05T10:00:00+00:00\tMUG-11\tShipped\t2\t$33.98\tUSD",
       "113-2000002-0000002\t2024-03-05T11:00:00+00:00\tMUG-11\tShipped\ttwo\t$16.99\tUSD",
       "113-2000003-0000003\tyesterday\tTOWEL-22\tShipped\t1\t24.50\tUSD",
       "113-2000004-0000004\t2024-03-06T08:00:00+00:00\t\tShipped\t1\t24.50\tUSD",
       "113-2000005-0000005\t2024-03-06T09:00:00+00:00\tTOWEL-22\tShipped\t1\t24.50\tUSD",
       "113-2000006-0000006\t2024-03-06T09:30:00+00:00\tTOW"]
w("orders_bad_rows.txt", "\n".join(bad))
w("business_report_cut.csv", open("business_report_en.csv", encoding="utf-8").read()[:420])
