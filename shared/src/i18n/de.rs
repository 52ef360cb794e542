//! The German catalog: an exhaustive `match`, so a message missing here
//! does not compile.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Bestellung verfolgen",
        LookupIntro => {
            "Gib deine Bestellnummer und die E-Mail-Adresse ein, die du beim Kauf verwendet hast."
        }
        OrderNumberLabel => "Bestellnummer",
        OrderNumberHint => "Zum Beispiel #1001",
        EmailLabel => "E-Mail-Adresse",
        LookupSubmit => "Bestellung finden",
        LookingUp => "Bestellung wird gesucht…",
        NotFound => {
            "Wir haben keine Bestellung mit dieser Nummer und E-Mail-Adresse gefunden. Bitte prüfe beides und versuche es erneut."
        }
        InvalidInput => "Bitte gib eine Bestellnummer und eine gültige E-Mail-Adresse ein.",
        RateLimited => "Zu viele Versuche. Bitte warte eine Minute und versuche es erneut.",
        SessionExpired => "Deine Sitzung ist abgelaufen. Bitte suche deine Bestellung erneut.",
        ProofNeeded => {
            "Um etwas zu ändern, bestätige bitte deine Bestellnummer und E-Mail-Adresse."
        }
        ReadOnlyLink => {
            "Dieser Link zeigt deine Bestellung. Um eine Rücksendung zu starten oder eine Bewertung abzugeben, bestätige, dass sie dir gehört."
        }
        ConfirmItsMe => "Bestätigen, dass ich es bin",
        NetworkError => "Bei uns ist etwas schiefgelaufen. Bitte versuche es erneut.",
        TryAgain => "Erneut versuchen",
        OrderHeading => "Bestellung {number}",
        PlacedOn => "Bestellt am {date}",
        ThankYouNamed => "Danke für deine Bestellung, {name}!",
        ThankYou => "Danke für deine Bestellung!",
        OrderCancelled => "Diese Bestellung wurde storniert.",
        StepOrdered => "Bestellt",
        StepShipped => "Versandt",
        StepInTransit => "Unterwegs",
        StepOutForDelivery => "In Zustellung",
        StepDelivered => "Zugestellt",
        ProgressLabel => "Lieferfortschritt",
        StatusPending => "Bestellung eingegangen",
        StatusInfoReceived => "Versandetikett erstellt",
        StatusInTransit => "Unterwegs",
        StatusOutForDelivery => "In Zustellung",
        StatusAttemptFail => "Zustellversuch fehlgeschlagen",
        StatusAvailableForPickup => "Zur Abholung bereit",
        StatusDelivered => "Zugestellt",
        StatusException => "Problem bei der Zustellung",
        StatusExpired => "Keine neuen Updates",
        ExceptionHelp => {
            "Bei dieser Lieferung gibt es ein Problem. Der Versanddienstleister kümmert sich darum; das neueste Update steht unten."
        }
        EstimatedDelivery => "Voraussichtliche Zustellung: {date}",
        UsuallyArrivesBy => "Kommt meist bis {date} an",
        RunningLate => "Verspätet",
        DeliveredOn => "Zugestellt am {date}",
        ShipmentOf => "Paket {n} von {total}",
        Carrier => "Versanddienstleister",
        TrackingNumber => "Sendungsnummer",
        TrackOnCarrierSite => "Beim Versanddienstleister verfolgen",
        Updates => "Updates",
        ShowMore => "Alle Updates anzeigen",
        ShowLess => "Weniger Updates anzeigen",
        NotShippedYet => {
            "Wir bereiten deine Bestellung vor. Die Sendungsverfolgung erscheint hier, sobald sie versandt ist."
        }
        Items => "Artikel",
        Quantity => "Menge {n}",
        Total => "Gesamtsumme",
        LookUpAnother => "Andere Bestellung suchen",
        Loading => "Wird geladen…",
        PoweredBy => "Sendungsverfolgung von aftercart",
        OtherOrders => "Deine anderen Bestellungen",
        StatusCancelled => "Storniert",
        ReturnOrderCancelled => {
            "Diese Bestellung wurde storniert und kann daher nicht zurückgegeben werden."
        }
        ReturnNotShipped => "Dieser Artikel wurde noch nicht versandt.",
        ReturnNotDelivered => {
            "Dieser Artikel wurde noch nicht zugestellt. Du kannst ihn zurückgeben, sobald er angekommen ist."
        }
        ReturnWindowClosed => "Die Rückgabefrist von {period} ist am {date} abgelaufen.",
        ReturnFinalSale => "Artikel ohne Rückgaberecht können nicht zurückgegeben werden.",
        ReturnExcluded => "Dieser Artikel kann nicht zurückgegeben werden.",
        ReturnAlreadyRefunded => "Dieser Artikel wurde bereits erstattet.",
        ReturnAlreadyReturned => "Dieser Artikel wurde bereits zurückgegeben.",
        ReturnQuantityTooHigh => "Du kannst höchstens {n} Stück dieses Artikels zurückgeben.",
        ReturnExchangeOnly => "Dieser Artikel kann nur umgetauscht werden.",
        ReturnResolutionNotOffered => "Dieser Shop bietet diese Art der Rückgabe nicht an.",
        ReturnCurrencyMismatch => {
            "Diese Bestellung kann nicht online zurückgegeben werden. Bitte wende dich an den Shop."
        }
        ReturnUnknownItem => "Dieser Artikel gehört nicht zu dieser Bestellung.",
        ReturnDuplicateItem => "Dieser Artikel ist mehr als einmal aufgeführt.",
        ReturnInvalidQuantity => "Wähle mindestens ein Stück zur Rückgabe.",
        ReturnNothingSelected => "Wähle mindestens einen Artikel zur Rückgabe.",
        ReturnReasonUnknown => "Wähle einen Grund aus der Liste.",
        ReturnSubReasonRequired => "Wähle aus, was das Problem am besten beschreibt.",
        ReturnCommentRequired => "Bitte beschreibe das Problem kurz in einem Kommentar.",
        ReturnCommentTooLong => "Bitte halte deinen Kommentar unter {max} Zeichen.",
        ReturnPhotoRequired => "Bitte füge einen Link zu einem Foto hinzu.",
        ReturnPhotoInvalid => "Der Fotolink muss eine Webadresse sein, die mit https:// beginnt.",
        ReturnExchangeVariantRequired => "Wähle die Größe oder Farbe, die du stattdessen möchtest.",
        ReturnExplainWindowFromDelivery => {
            "Du kannst die meisten Artikel innerhalb von {period} nach der Zustellung zurückgeben."
        }
        ReturnExplainWindowFromShipping => {
            "Du kannst die meisten Artikel innerhalb von {period} nach dem Versand zurückgeben."
        }
        ReturnExplainWindowFromOrder => {
            "Du kannst die meisten Artikel innerhalb von {period} nach der Bestellung zurückgeben."
        }
        ReturnExplainGroupWindow => "{group}: innerhalb von {period}.",
        ReturnExplainNotReturnable => "Von der Rückgabe ausgeschlossen: {items}.",
        ReturnExplainWindowEnds => {
            "Eine Rückgabefrist endet um Mitternacht Shop-Zeit ({offset}) an ihrem letzten Tag."
        }
        ReturnExplainHowStart => {
            "Starte deine Rückgabe hier. Sobald sie genehmigt ist, erhältst du eine Anleitung zum Zurücksenden der Artikel."
        }
        ReturnExplainRefund => "Erstattung auf deine ursprüngliche Zahlungsmethode.",
        ReturnExplainCredit => "Shop-Guthaben in Höhe des Warenwerts.",
        ReturnExplainCreditBonus => "Shop-Guthaben in Höhe des Warenwerts plus {percent} % Bonus.",
        ReturnExplainExchange => "Umtausch gegen eine andere Größe oder Farbe.",
        ReturnExplainFee => "Rücksendegebühr: {amount}.",
        ReturnExplainNoFee => "Keine Rücksendegebühr.",
        ReturnExplainHowProcessed => {
            "Wir prüfen die Artikel nach ihrer Ankunft und schließen dann deine Erstattung, dein Guthaben oder deinen Umtausch ab."
        }
        ReturnExplainFinalSale => "{group}: ohne Rückgaberecht.",
        ReturnExplainExchangeOnly => "{group}: nur Umtausch.",
        ReturnStatusRequested => "Rückgabe angefragt",
        ReturnStatusApproved => "Rückgabe genehmigt",
        ReturnStatusInTransit => "Auf dem Rückweg",
        ReturnStatusReceived => "Vom Shop erhalten",
        ReturnStatusRefunded => "Erstattet",
        ReturnStatusCredited => "Guthaben ausgestellt",
        ReturnStatusExchanged => "Umgetauscht",
        ReturnStatusClosed => "Rückgabe abgeschlossen",
        ReturnStatusRejected => "Rückgabe abgelehnt",
        ReturnStatusCancelled => "Rückgabe storniert",
        EngageThankYouDelivered => "Deine Bestellung ist angekommen. Danke für deinen Einkauf!",
        EngageThankYouDeliveredNamed => {
            "Deine Bestellung ist angekommen, {name}. Danke für deinen Einkauf!"
        }
        EngageReviewTitle => "Wie gefällt dir {product}?",
        EngageReviewAction => "Bewertung schreiben",
        EngageNpsQuestion => "Wie wahrscheinlich ist es, dass du uns weiterempfiehlst?",
        EngageNpsLow => "Sehr unwahrscheinlich",
        EngageNpsHigh => "Sehr wahrscheinlich",
        EngageReferralTitle => "Schenke deinen Freunden {discount} Rabatt",
        EngageReferralBody => {
            "Teile deinen Link. Wenn jemand damit zum ersten Mal bestellt, bekommst du {reward}."
        }
        EngageCopyLink => "Link kopieren",
        EngageLinkCopied => "Link kopiert",
        EngageRecommendationsTitle => "Das könnte dir auch gefallen",
        EngageUsageTipsTitle => "Hol das Beste aus deinem Einkauf heraus",
        EngageDismiss => "Nicht jetzt",
        EngageThanksForAnswer => "Danke für deine Antwort!",
        LoyaltyBalance => "Du hast {points} Punkte",
        LoyaltyNextTier => "Noch {points} Punkte bis {tier}",
        ReferralCodeInvalid => {
            "Dieser Code scheint nicht zu stimmen. Bitte prüfe ihn und versuche es erneut."
        }
        EngageClose => "Schließen",
        EngageSend => "Senden",
        EngageShare => "Teilen",
        EngageCopyManual => {
            "Der Link ist markiert: Drücke Strg+C (⌘C auf dem Mac), um ihn zu kopieren."
        }
        ReviewRatingLegend => "Gesamtbewertung",
        ReviewStar => "1 Stern",
        ReviewStars => "{n} Sterne",
        ReviewTitleLabel => "Überschrift",
        ReviewBodyLabel => "Deine Rezension",
        ReviewPhotoLabel => "Link zu einem Foto (optional, https://…)",
        ReviewIncentive => "Jede Bewertung bringt dir {reward}, egal wie viele Sterne du vergibst.",
        IncentiveDiscount => "{discount} Rabatt auf deine nächste Bestellung",
        IncentivePoints => "{points} Punkte",
        ReviewThanks => "Danke für deine Bewertung!",
        ReviewPending => "Wir veröffentlichen sie nach einer kurzen Prüfung.",
        ReviewCoupon => "Dein Code für das nächste Mal",
        ReviewAlready => "Du hast diesen Artikel bereits bewertet. Danke!",
        ReviewRatingRequired => "Wähle eine Bewertung von 1 bis 5 Sternen.",
        ReviewTitleRequired => "Gib deiner Bewertung eine Überschrift.",
        ReviewBodyRequired => "Schreib ein paar Worte zum Artikel.",
        EngageNpsQuestionShop => "Wie wahrscheinlich ist es, dass du {shop} weiterempfiehlst?",
        NpsComment => "Was ist der wichtigste Grund für deine Bewertung? (optional)",
        NpsScoreRequired => "Wähle einen Wert von 0 bis 10.",
        ReferralCodeLabel => "Dein Code",
        ReferralLinkLabel => "Dein Link",
        LoyaltyTier => "Deine Stufe: {tier}",
        RecommendationsCode => "Mit dem Code {code} bekommst du an der Kasse einen Rabatt.",
        TipReadMore => "Mehr erfahren",
        ReturnsTitle => "Rücksendungen",
        StartReturn => "Rücksendung starten",
        ReturnNothingReturnable => {
            "Aus dieser Bestellung kann derzeit nichts zurückgeschickt werden."
        }
        ReturnPolicy => "Rückgabebedingungen",
        ReturnPolicyWhat => "Was zurückgeschickt werden kann und bis wann",
        ReturnPolicyHow => "So funktioniert es",
        ReturnPolicyRules => "Allgemeine Regeln",
        ReturnStepItems => "Welche Artikel möchtest du zurückschicken?",
        ReturnUntil => "Rückgabe bis {date} möglich",
        ReturnHowMany => "Anzahl",
        Continue => "Weiter",
        Back => "Zurück",
        ReturnStepReasons => "Warum schickst du sie zurück?",
        ReturnReasonLegend => "Grund",
        ReturnSubReasonLegend => "Was genau?",
        ReturnComment => "Beschreibe das Problem",
        ReturnPhotoLink => "Link zu einem Foto (https://…)",
        ReturnStepResolution => "Was möchtest du dafür bekommen?",
        ResolutionRefund => "Erstattung",
        ResolutionStoreCredit => "Guthaben",
        ResolutionExchange => "Umtausch",
        ReturnExchangeFor => "Größe oder Farbe, die du statt {item} möchtest",
        ReturnNoCommonResolution => {
            "Diese Artikel können nicht zusammen zurückgeschickt werden. Bitte schicke sie einzeln zurück."
        }
        ReturnStepSummary => "Prüfe deine Rücksendung",
        ReturnItemsValue => "Warenwert",
        ReturnBonus => "Guthaben-Bonus",
        ReturnFee => "Rücksendegebühr",
        ReturnConfirm => "Rücksendung bestätigen",
        ReturnSending => "Wird gesendet…",
        ReturnRefusedIntro => "Einige Artikel können nicht wie gewählt zurückgeschickt werden:",
        ReturnDone => "Deine Rücksendung ist angemeldet",
        ReturnNumber => "Rücksendenummer",
        ReturnNextSteps => {
            "Drucke den Rücksendeschein aus und lege ihn mit den Artikeln ins Paket. Sobald der Shop deine Rücksendung genehmigt hat, bekommst du eine Anleitung für den Versand."
        }
        ReturnSlip => "Rücksendeschein",
        PrintSlip => "Schein drucken",
        BackToOrder => "Zurück zur Bestellung",
        ReturnHeading => "Rücksendung {rma}",
        ReferralLinkUnknown => {
            "Diesen Empfehlungslink kennen wir nicht. Bitte lass ihn dir noch einmal schicken."
        }
        ReferralProgramEnded => "Das Empfehlungsprogramm dieses Shops ist beendet.",
    }
}
