package app

// Built-in reply templates: the replies every shop writes again and
// again, each giving the buyer a concrete next step. They are shown
// until the office edits or hides them; an edited built-in keeps its key,
// so the same edit made on two desks is one template after sync.
//
// The review follow-up keeps to Amazon's rules for contacting buyers: it
// offers help with the product, and never asks for a review to be
// changed or removed, never offers anything for one, and carries no
// links or outside contact details.

// Keys of the built-in reply templates.
const (
	ReplyDelayApology      = "delay_apology"
	ReplyDamageReplacement = "damage_replacement"
	ReplyLostParcel        = "lost_parcel"
	ReplyReturnSteps       = "return_instructions"
	ReplyReviewFollowUp    = "review_follow_up"
)

// BuiltinReplies returns the built-in templates, in display order, with
// English names (NameZh holds the Chinese ones) and no IDs.
func BuiltinReplies() []ReplyTemplate {
	return []ReplyTemplate{
		{
			Builtin: ReplyDelayApology, Name: "Delay apology with tracking", NameZh: "延迟致歉（附运单号）", Type: CaseInquiry,
			Texts: map[string]string{
				LangChinese: "{customer}您好，\n\n非常抱歉您的订单 {order_id} 比预期晚到。包裹已由{carrier}承运，运单号是 {tracking_number}，您可以在承运商网站查询最新位置。我们每天都在跟进这个包裹，如果两天内还没有更新，我们会立即为您补发或退款。\n\n感谢您的耐心。",
				LangEnglish: "Dear {customer},\n\nWe are sorry that your order {order_id} is taking longer than expected. Your parcel is with {carrier}, tracking number {tracking_number}; you can follow it on the carrier's website. We are checking on it every day, and if there is no progress within two days we will send a replacement or refund you right away.\n\nThank you for your patience.",
				"de":        "Hallo {customer},\n\nes tut uns leid, dass Ihre Bestellung {order_id} länger braucht als erwartet. Ihr Paket ist bei {carrier} unterwegs, Sendungsnummer {tracking_number}; Sie können es auf der Website des Versanddienstes verfolgen. Wir prüfen den Stand jeden Tag. Gibt es in zwei Tagen keinen Fortschritt, schicken wir Ihnen sofort Ersatz oder erstatten den Betrag.\n\nVielen Dank für Ihre Geduld.",
				"fr":        "Bonjour {customer},\n\nNous sommes désolés que votre commande {order_id} prenne plus de temps que prévu. Votre colis est chez {carrier}, numéro de suivi {tracking_number} ; vous pouvez le suivre sur le site du transporteur. Nous vérifions son avancement chaque jour et, sans progrès d'ici deux jours, nous vous enverrons un remplacement ou vous rembourserons immédiatement.\n\nMerci de votre patience.",
				"es":        "Hola {customer}:\n\nSentimos que su pedido {order_id} esté tardando más de lo previsto. Su paquete está con {carrier}, número de seguimiento {tracking_number}; puede seguirlo en la web del transportista. Lo revisamos cada día y, si no avanza en dos días, le enviaremos un reemplazo o le haremos el reembolso de inmediato.\n\nGracias por su paciencia.",
				"it":        "Gentile {customer},\n\nci dispiace che il suo ordine {order_id} stia impiegando più tempo del previsto. Il pacco è affidato a {carrier}, numero di tracciamento {tracking_number}; può seguirlo sul sito del corriere. Lo controlliamo ogni giorno e, se entro due giorni non ci sono progressi, le invieremo subito un sostituto o la rimborseremo.\n\nGrazie per la pazienza.",
				"ja":        "{customer} 様\n\nご注文 {order_id} のお届けが遅れており、誠に申し訳ございません。お荷物は{carrier}にてお届け中で、追跡番号は {tracking_number} です。配送業者のサイトで最新の状況をご確認いただけます。弊社でも毎日確認しており、2日以内に進展がない場合は、すぐに代替品の発送または返金をいたします。\n\nご理解のほどよろしくお願いいたします。",
			},
		},
		{
			Builtin: ReplyDamageReplacement, Name: "Damaged: replacement offer", NameZh: "运输损坏：补发替换", Type: CaseDamagedInTransit,
			Texts: map[string]string{
				LangChinese: "{customer}您好，\n\n很抱歉您收到的 {product} 在运输中损坏了，感谢您发来的照片。我们会在今天为您免费补发一件新的，发货后把运单号发给您；损坏的那件无需退回。如果您更希望退款，请直接回复告诉我们。\n\n再次向您致歉。",
				LangEnglish: "Dear {customer},\n\nWe are very sorry that your {product} arrived damaged, and thank you for the photos. We will send you a new one free of charge today and email you the tracking number as soon as it ships; there is no need to return the damaged one. If you would rather have a refund, just reply and tell us.\n\nOur apologies again.",
				"de":        "Hallo {customer},\n\nes tut uns sehr leid, dass Ihr {product} beschädigt angekommen ist, und danke für die Fotos. Wir schicken Ihnen noch heute kostenlos ein neues und senden Ihnen die Sendungsnummer, sobald es unterwegs ist; das beschädigte müssen Sie nicht zurückschicken. Möchten Sie lieber eine Erstattung, antworten Sie uns einfach.\n\nNochmals Entschuldigung.",
				"fr":        "Bonjour {customer},\n\nNous sommes vraiment désolés que votre {product} soit arrivé endommagé, et merci pour les photos. Nous vous envoyons gratuitement un nouvel article dès aujourd'hui et vous transmettrons le numéro de suivi dès l'expédition ; inutile de renvoyer l'article abîmé. Si vous préférez un remboursement, répondez-nous simplement.\n\nEncore toutes nos excuses.",
				"es":        "Hola {customer}:\n\nSentimos mucho que su {product} llegara dañado, y gracias por las fotos. Hoy mismo le enviamos uno nuevo sin coste y le mandaremos el número de seguimiento en cuanto salga; no hace falta que devuelva el dañado. Si prefiere un reembolso, respóndanos y nos encargamos.\n\nDisculpe de nuevo las molestias.",
				"it":        "Gentile {customer},\n\nci dispiace molto che il suo {product} sia arrivato danneggiato, e grazie per le foto. Oggi stesso le spediamo gratuitamente un articolo nuovo e le invieremo il numero di tracciamento appena partito; non è necessario restituire quello danneggiato. Se preferisce un rimborso, ci risponda pure.\n\nCi scusiamo ancora.",
				"ja":        "{customer} 様\n\nお届けした {product} が輸送中に破損しており、大変申し訳ございません。お写真をお送りいただきありがとうございます。本日中に新しい商品を無料で発送し、発送後に追跡番号をお知らせいたします。破損品のご返送は不要です。返金をご希望の場合は、このメッセージにご返信ください。\n\n重ねてお詫び申し上げます。",
			},
		},
		{
			Builtin: ReplyLostParcel, Name: "Lost parcel: reship or refund", NameZh: "包裹丢失：补发或退款", Type: CaseLostParcel,
			Texts: map[string]string{
				LangChinese: "{customer}您好，\n\n我们查询了您订单 {order_id} 的包裹（{carrier}，运单号 {tracking_number}），承运商确认包裹已丢失，非常抱歉。我们可以立即为您免费补发，或全额退款，请回复告诉我们您的选择。我们也已向承运商提出索赔，这不会影响您。\n\n给您带来不便，深表歉意。",
				LangEnglish: "Dear {customer},\n\nWe checked on the parcel of your order {order_id} ({carrier}, tracking number {tracking_number}) and the carrier has confirmed it is lost. We are very sorry. We can send you a new one right away at no cost, or give you a full refund: please reply with what you prefer. We have filed a claim with the carrier; this does not affect you.\n\nOur apologies for the trouble.",
				"de":        "Hallo {customer},\n\nwir haben das Paket Ihrer Bestellung {order_id} ({carrier}, Sendungsnummer {tracking_number}) geprüft, und der Versanddienst hat bestätigt, dass es verloren gegangen ist. Das tut uns sehr leid. Wir können Ihnen sofort kostenlos Ersatz schicken oder den vollen Betrag erstatten: Bitte antworten Sie uns, was Ihnen lieber ist. Beim Versanddienst haben wir bereits einen Nachforschungsantrag gestellt; das betrifft Sie nicht.\n\nEntschuldigen Sie die Unannehmlichkeiten.",
				"fr":        "Bonjour {customer},\n\nNous avons vérifié le colis de votre commande {order_id} ({carrier}, numéro de suivi {tracking_number}) et le transporteur a confirmé qu'il est perdu. Nous en sommes désolés. Nous pouvons vous renvoyer l'article immédiatement sans frais ou vous rembourser intégralement : dites-nous simplement ce que vous préférez. Nous avons ouvert une réclamation auprès du transporteur, sans conséquence pour vous.\n\nVeuillez nous excuser pour ce désagrément.",
				"es":        "Hola {customer}:\n\nHemos revisado el paquete de su pedido {order_id} ({carrier}, número de seguimiento {tracking_number}) y el transportista ha confirmado que se ha perdido. Lo sentimos mucho. Podemos enviarle otro enseguida sin coste o reembolsarle el importe completo: respóndanos con lo que prefiera. Ya hemos presentado una reclamación al transportista; esto no le afecta.\n\nDisculpe las molestias.",
				"it":        "Gentile {customer},\n\nabbiamo verificato il pacco del suo ordine {order_id} ({carrier}, numero di tracciamento {tracking_number}) e il corriere ha confermato che è andato perso. Ci dispiace molto. Possiamo rispedirle subito l'articolo senza costi oppure rimborsarla per intero: ci risponda con la soluzione che preferisce. Abbiamo già aperto un reclamo con il corriere; la cosa non la riguarda.\n\nCi scusiamo per il disagio.",
				"ja":        "{customer} 様\n\nご注文 {order_id} のお荷物（{carrier}、追跡番号 {tracking_number}）を確認しましたところ、配送業者より紛失との回答がございました。誠に申し訳ございません。すぐに無料で再発送するか、全額返金のいずれかで対応いたしますので、ご希望をご返信ください。配送業者への補償請求は弊社で行っており、お客様へのご負担はございません。\n\nご迷惑をおかけして申し訳ございません。",
			},
		},
		{
			Builtin: ReplyReturnSteps, Name: "Return instructions", NameZh: "退货说明", Type: CaseReturnRefund,
			Texts: map[string]string{
				LangChinese: "{customer}您好，\n\n关于订单 {order_id} 的 {product}，您可以这样退货：在亚马逊“我的订单”中找到该订单，点击“退货或替换商品”，选择原因后打印退货标签，把商品包好贴上标签交给承运商即可。我们收到退货后会在两个工作日内退款。如果操作中遇到问题，请随时回复我们。\n\n谢谢！",
				LangEnglish: "Dear {customer},\n\nHere is how to return the {product} from order {order_id}: in Your Orders on Amazon, find the order and choose \"Return or replace items\", pick a reason and print the return label, then pack the item, attach the label and hand it to the carrier. We refund within two working days of receiving it. If anything is unclear, just reply to this message.\n\nThank you.",
				"de":        "Hallo {customer},\n\nso senden Sie den {product} aus Bestellung {order_id} zurück: Suchen Sie die Bestellung unter \"Meine Bestellungen\" bei Amazon, wählen Sie \"Artikel zurücksenden oder ersetzen\", geben Sie einen Grund an und drucken Sie das Rücksendeetikett aus. Verpacken Sie den Artikel, kleben Sie das Etikett auf und geben Sie das Paket beim Versanddienst ab. Wir erstatten innerhalb von zwei Werktagen nach Eingang. Bei Fragen antworten Sie einfach auf diese Nachricht.\n\nVielen Dank.",
				"fr":        "Bonjour {customer},\n\nVoici comment retourner le {product} de la commande {order_id} : dans « Vos commandes » sur Amazon, trouvez la commande et choisissez « Retourner ou remplacer des articles », indiquez un motif et imprimez l'étiquette de retour, puis emballez l'article, collez l'étiquette et remettez-le au transporteur. Nous remboursons dans les deux jours ouvrés suivant la réception. Pour toute question, répondez simplement à ce message.\n\nMerci.",
				"es":        "Hola {customer}:\n\nAsí puede devolver el {product} del pedido {order_id}: en «Mis pedidos» de Amazon, busque el pedido y elija «Devolver o reemplazar productos», indique el motivo e imprima la etiqueta de devolución; después embale el artículo, pegue la etiqueta y entréguelo al transportista. Reembolsamos en dos días laborables desde que lo recibimos. Si tiene cualquier duda, responda a este mensaje.\n\nGracias.",
				"it":        "Gentile {customer},\n\necco come restituire il {product} dell'ordine {order_id}: in \"I miei ordini\" su Amazon trovi l'ordine e scelga \"Restituisci o sostituisci articoli\", indichi il motivo e stampi l'etichetta di reso; poi imballi l'articolo, applichi l'etichetta e lo consegni al corriere. Rimborsiamo entro due giorni lavorativi dalla ricezione. Per qualsiasi dubbio risponda pure a questo messaggio.\n\nGrazie.",
				"ja":        "{customer} 様\n\nご注文 {order_id} の {product} の返品手順をご案内します。Amazonの「注文履歴」から該当のご注文を選び、「商品の返品・交換」をクリックして理由を選択し、返品用ラベルを印刷してください。商品を梱包してラベルを貼り、配送業者にお渡しいただければ完了です。商品到着後、2営業日以内に返金いたします。ご不明な点があれば、このメッセージにご返信ください。\n\nよろしくお願いいたします。",
			},
		},
		{
			Builtin: ReplyReviewFollowUp, Name: "Review follow-up (within Amazon's rules)", NameZh: "评论跟进（符合亚马逊规则）", Type: CaseNegativeReview,
			Texts: map[string]string{
				LangChinese: "{customer}您好，\n\n我们注意到您购买的 {product}（订单 {order_id}）没有达到您的期望，非常抱歉。我们想帮您解决：可以为您免费更换，或者办理退款，您也可以告诉我们具体遇到了什么问题，我们会认真改进。请直接回复这条消息。\n\n谢谢您抽时间告诉我们。",
				LangEnglish: "Dear {customer},\n\nWe noticed that the {product} from your order {order_id} did not meet your expectations, and we are sorry. We would like to put it right: we can send you a replacement free of charge or arrange a refund, and if you tell us what went wrong we will use it to improve. Just reply to this message.\n\nThank you for taking the time to let us know.",
				"de":        "Hallo {customer},\n\nwir haben gesehen, dass der {product} aus Ihrer Bestellung {order_id} Ihre Erwartungen nicht erfüllt hat, und das tut uns leid. Wir möchten das in Ordnung bringen: Wir schicken Ihnen gern kostenlos Ersatz oder erstatten den Betrag, und wenn Sie uns sagen, was nicht gepasst hat, verbessern wir das. Antworten Sie einfach auf diese Nachricht.\n\nDanke, dass Sie sich die Zeit genommen haben.",
				"fr":        "Bonjour {customer},\n\nNous avons vu que le {product} de votre commande {order_id} n'a pas été à la hauteur de vos attentes, et nous en sommes désolés. Nous aimerions arranger cela : nous pouvons vous envoyer un remplacement gratuit ou organiser un remboursement, et si vous nous dites ce qui n'allait pas, nous nous en servirons pour progresser. Répondez simplement à ce message.\n\nMerci d'avoir pris le temps de nous le dire.",
				"es":        "Hola {customer}:\n\nHemos visto que el {product} de su pedido {order_id} no ha cumplido sus expectativas, y lo sentimos. Queremos solucionarlo: podemos enviarle un reemplazo sin coste o tramitar un reembolso, y si nos cuenta qué falló, lo usaremos para mejorar. Basta con responder a este mensaje.\n\nGracias por tomarse el tiempo de contárnoslo.",
				"it":        "Gentile {customer},\n\nabbiamo notato che il {product} del suo ordine {order_id} non è stato all'altezza delle sue aspettative, e ce ne dispiace. Vorremmo rimediare: possiamo inviarle gratuitamente un sostituto o procedere con un rimborso, e se ci dice cosa non è andato lo useremo per migliorare. Basta rispondere a questo messaggio.\n\nGrazie per il tempo dedicato a farcelo sapere.",
				"ja":        "{customer} 様\n\nご注文 {order_id} の {product} がご期待に沿えなかったとのこと、誠に申し訳ございません。無料での交換、または返金にて対応させていただきます。また、どのような点にご不満があったかお聞かせいただければ、今後の改善に役立てます。このメッセージにご返信ください。\n\nお知らせいただき、ありがとうございました。",
			},
		},
	}
}

// BuiltinReply returns the built-in template with key, and whether there
// is one.
func BuiltinReply(key string) (ReplyTemplate, bool) {
	for _, t := range BuiltinReplies() {
		if t.Builtin == key {
			return t, true
		}
	}
	return ReplyTemplate{}, false
}
