//! The Swedish catalog: an exhaustive `match`, so a message missing here
//! does not compile.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Spåra din beställning",
        LookupIntro => "Ange ditt ordernummer och e-postadressen du använde i kassan.",
        OrderNumberLabel => "Ordernummer",
        OrderNumberHint => "Till exempel #1001",
        EmailLabel => "E-postadress",
        LookupSubmit => "Hitta min beställning",
        LookingUp => "Söker efter din beställning…",
        NotFound => {
            "Vi hittade ingen beställning med det ordernumret och den e-postadressen. Kontrollera båda och försök igen."
        }
        InvalidInput => "Ange ett ordernummer och en giltig e-postadress.",
        RateLimited => "För många försök. Vänta en minut och försök igen.",
        SessionExpired => "Din session har gått ut. Sök upp din beställning igen.",
        ProofNeeded => "För att göra ändringar, bekräfta ditt ordernummer och din e-postadress.",
        ReadOnlyLink => {
            "Den här länken visar din beställning. För att starta en retur eller lämna ett omdöme, bekräfta att den är din."
        }
        ConfirmItsMe => "Bekräfta att det är jag",
        NetworkError => "Något gick fel hos oss. Försök igen.",
        TryAgain => "Försök igen",
        OrderHeading => "Order {number}",
        PlacedOn => "Lagd {date}",
        ThankYouNamed => "Tack för din beställning, {name}!",
        ThankYou => "Tack för din beställning!",
        OrderCancelled => "Den här beställningen avbröts.",
        StepOrdered => "Beställd",
        StepShipped => "Skickad",
        StepInTransit => "På väg",
        StepOutForDelivery => "Ute för leverans",
        StepDelivered => "Levererad",
        ProgressLabel => "Leveransförlopp",
        StatusPending => "Beställning mottagen",
        StatusInfoReceived => "Fraktsedel skapad",
        StatusInTransit => "På väg",
        StatusOutForDelivery => "Ute för leverans",
        StatusAttemptFail => "Leveransförsöket misslyckades",
        StatusAvailableForPickup => "Redo att hämtas",
        StatusDelivered => "Levererad",
        StatusException => "Problem med leveransen",
        StatusExpired => "Inga nya uppdateringar",
        ExceptionHelp => {
            "Det finns ett problem med leveransen. Transportören arbetar på det; se den senaste uppdateringen nedan."
        }
        EstimatedDelivery => "Beräknad leverans: {date}",
        UsuallyArrivesBy => "Brukar komma fram senast {date}",
        RunningLate => "Försenad",
        DeliveredOn => "Levererad {date}",
        ShipmentOf => "Paket {n} av {total}",
        Carrier => "Transportör",
        TrackingNumber => "Spårningsnummer",
        TrackOnCarrierSite => "Spåra hos transportören",
        Updates => "Uppdateringar",
        ShowMore => "Visa alla uppdateringar",
        ShowLess => "Visa färre uppdateringar",
        NotShippedYet => {
            "Vi förbereder din beställning. Spårningen visas här så snart den skickats."
        }
        Items => "Artiklar",
        Quantity => "Antal {n}",
        Total => "Totalt",
        LookUpAnother => "Sök en annan beställning",
        Loading => "Laddar…",
        PoweredBy => "Orderspårning av aftercart",
        OtherOrders => "Dina andra beställningar",
        StatusCancelled => "Avbruten",
        ReturnOrderCancelled => "Den här beställningen avbröts, så den kan inte returneras.",
        ReturnNotShipped => "Den här varan har inte skickats än.",
        ReturnNotDelivered => {
            "Den här varan har inte levererats än. Du kan returnera den när den har kommit fram."
        }
        ReturnWindowClosed => "Returfristen på {period} gick ut den {date}.",
        ReturnFinalSale => "Varor på slutförsäljning kan inte returneras.",
        ReturnExcluded => "Den här varan kan inte returneras.",
        ReturnAlreadyRefunded => "Den här varan har redan återbetalats.",
        ReturnAlreadyReturned => "Den här varan har redan returnerats.",
        ReturnQuantityTooHigh => "Du kan returnera högst {n} av den här varan.",
        ReturnExchangeOnly => "Den här varan kan bara bytas.",
        ReturnResolutionNotOffered => "Butiken erbjuder inte den typen av retur.",
        ReturnCurrencyMismatch => {
            "Den här beställningen kan inte returneras online. Kontakta butiken."
        }
        ReturnUnknownItem => "Den här varan ingår inte i beställningen.",
        ReturnDuplicateItem => "Den här varan finns med mer än en gång.",
        ReturnInvalidQuantity => "Välj minst en att returnera.",
        ReturnNothingSelected => "Välj minst en vara att returnera.",
        ReturnReasonUnknown => "Välj en anledning i listan.",
        ReturnSubReasonRequired => "Välj det som bäst beskriver problemet.",
        ReturnCommentRequired => "Berätta lite mer i en kommentar.",
        ReturnCommentTooLong => "Håll kommentaren under {max} tecken.",
        ReturnPhotoRequired => "Lägg till en länk till ett foto.",
        ReturnPhotoInvalid => "Fotolänken måste vara en webbadress som börjar med https://.",
        ReturnExchangeVariantRequired => "Välj vilken storlek eller färg du vill ha i stället.",
        ReturnExplainWindowFromDelivery => {
            "Du kan returnera de flesta varor inom {period} från leveransen."
        }
        ReturnExplainWindowFromShipping => {
            "Du kan returnera de flesta varor inom {period} från att de skickades."
        }
        ReturnExplainWindowFromOrder => {
            "Du kan returnera de flesta varor inom {period} från beställningen."
        }
        ReturnExplainGroupWindow => "{group}: inom {period}.",
        ReturnExplainNotReturnable => "Detta kan inte returneras: {items}.",
        ReturnExplainWindowEnds => {
            "Returfristen går ut vid midnatt butikens tid ({offset}) på sista dagen."
        }
        ReturnExplainHowStart => {
            "Starta din retur här. När den har godkänts får du instruktioner för att skicka tillbaka varorna."
        }
        ReturnExplainRefund => "Återbetalning till ditt ursprungliga betalsätt.",
        ReturnExplainCredit => "Tillgodohavande i butiken för varornas värde.",
        ReturnExplainCreditBonus => {
            "Tillgodohavande i butiken för varornas värde plus {percent} % i bonus."
        }
        ReturnExplainExchange => "Byte mot en annan storlek eller färg.",
        ReturnExplainFee => "Returavgift: {amount}.",
        ReturnExplainNoFee => "Ingen returavgift.",
        ReturnExplainHowProcessed => {
            "Vi kontrollerar varorna när de kommer fram och genomför sedan din återbetalning, ditt tillgodohavande eller ditt byte."
        }
        ReturnExplainFinalSale => "{group}: slutförsäljning, kan inte returneras.",
        ReturnExplainExchangeOnly => "{group}: endast byte.",
        ReturnStatusRequested => "Retur begärd",
        ReturnStatusApproved => "Retur godkänd",
        ReturnStatusInTransit => "På väg tillbaka",
        ReturnStatusReceived => "Mottagen av butiken",
        ReturnStatusRefunded => "Återbetald",
        ReturnStatusCredited => "Tillgodohavande utfärdat",
        ReturnStatusExchanged => "Bytt",
        ReturnStatusClosed => "Retur slutförd",
        ReturnStatusRejected => "Retur nekad",
        ReturnStatusCancelled => "Retur avbruten",
        EngageThankYouDelivered => {
            "Din beställning har kommit fram. Tack för att du handlar hos oss!"
        }
        EngageThankYouDeliveredNamed => {
            "Din beställning har kommit fram, {name}. Tack för att du handlar hos oss!"
        }
        EngageReviewTitle => "Vad tycker du om {product}?",
        EngageReviewAction => "Skriv ett omdöme",
        EngageNpsQuestion => "Hur troligt är det att du skulle rekommendera oss till en vän?",
        EngageNpsLow => "Inte alls troligt",
        EngageNpsHigh => "Mycket troligt",
        EngageReferralTitle => "Ge dina vänner {discount} rabatt",
        EngageReferralBody => {
            "Dela din länk. När en vän lägger sin första beställning får du {reward}."
        }
        EngageCopyLink => "Kopiera länk",
        EngageLinkCopied => "Länken har kopierats",
        EngageRecommendationsTitle => "Du kanske också gillar",
        EngageUsageTipsTitle => "Få ut det mesta av ditt köp",
        EngageDismiss => "Inte nu",
        EngageThanksForAnswer => "Tack för ditt svar!",
        LoyaltyBalance => "Du har {points} poäng",
        LoyaltyNextTier => "{points} poäng kvar till {tier}",
        ReferralCodeInvalid => "Koden ser inte rätt ut. Kontrollera den och försök igen.",
        EngageClose => "Stäng",
        EngageSend => "Skicka",
        EngageShare => "Dela",
        EngageCopyManual => "Länken är markerad: tryck Ctrl+C (⌘C på Mac) för att kopiera den.",
        ReviewRatingLegend => "Ditt betyg",
        ReviewStar => "1 stjärna",
        ReviewStars => "{n} stjärnor",
        ReviewTitleLabel => "Rubrik",
        ReviewBodyLabel => "Ditt omdöme",
        ReviewPhotoLabel => "Länk till ett foto (valfritt, https://…)",
        ReviewIncentive => "Varje omdöme ger {reward}, oavsett betyg.",
        IncentiveDiscount => "{discount} rabatt på nästa köp",
        IncentivePoints => "{points} poäng",
        ReviewThanks => "Tack för ditt omdöme!",
        ReviewPending => "Vi publicerar det efter en snabb granskning.",
        ReviewCoupon => "Din kod till nästa gång",
        ReviewAlready => "Du har redan skrivit ett omdöme om den här produkten. Tack!",
        ReviewRatingRequired => "Välj ett betyg från 1 till 5 stjärnor.",
        ReviewTitleRequired => "Ge ditt omdöme en rubrik.",
        ReviewBodyRequired => "Skriv några ord om produkten.",
        EngageNpsQuestionShop => {
            "Hur troligt är det att du skulle rekommendera {shop} till en vän?"
        }
        NpsComment => "Vad är främsta skälet till ditt betyg? (valfritt)",
        NpsScoreRequired => "Välj ett betyg från 0 till 10.",
        ReferralCodeLabel => "Din kod",
        ReferralLinkLabel => "Din länk",
        LoyaltyTier => "Din nivå: {tier}",
        RecommendationsCode => "Använd koden {code} i kassan för rabatt.",
        TipReadMore => "Läs mer",
        ReturnsTitle => "Returer",
        StartReturn => "Starta en retur",
        ReturnNothingReturnable => "Inget i den här beställningen kan returneras just nu.",
        ReturnPolicy => "Returpolicy",
        ReturnPolicyWhat => "Vad som kan returneras och till när",
        ReturnPolicyHow => "Så går det till",
        ReturnPolicyRules => "Allmänna regler",
        ReturnStepItems => "Vilka varor vill du returnera?",
        ReturnUntil => "Kan returneras till och med {date}",
        ReturnHowMany => "Antal",
        Continue => "Fortsätt",
        Back => "Tillbaka",
        ReturnStepReasons => "Varför returnerar du dem?",
        ReturnReasonLegend => "Anledning",
        ReturnSubReasonLegend => "Vad mer exakt?",
        ReturnComment => "Beskriv problemet",
        ReturnPhotoLink => "Länk till ett foto (https://…)",
        ReturnStepResolution => "Vad vill du ha tillbaka?",
        ResolutionRefund => "Återbetalning",
        ResolutionStoreCredit => "Tillgodokvitto",
        ResolutionExchange => "Byte",
        ReturnExchangeFor => "Storlek eller färg du vill ha i stället för {item}",
        ReturnNoCommonResolution => {
            "De här varorna kan inte returneras tillsammans. Returnera dem var för sig."
        }
        ReturnStepSummary => "Kontrollera din retur",
        ReturnItemsValue => "Varornas värde",
        ReturnBonus => "Bonus på tillgodokvittot",
        ReturnFee => "Returavgift",
        ReturnConfirm => "Bekräfta returen",
        ReturnSending => "Skickar…",
        ReturnRefusedIntro => "Vissa varor kan inte returneras som du har valt:",
        ReturnDone => "Din retur är registrerad",
        ReturnNumber => "Returnummer",
        ReturnNextSteps => {
            "Skriv ut retursedeln och lägg den i paketet med varorna. När butiken har godkänt returen får du instruktioner för att skicka den."
        }
        ReturnSlip => "Retursedel",
        PrintSlip => "Skriv ut retursedeln",
        BackToOrder => "Tillbaka till beställningen",
        ReturnHeading => "Retur {rma}",
        ReferralLinkUnknown => {
            "Vi känner inte igen den här värvningslänken. Be din vän att skicka den igen."
        }
        ReferralProgramEnded => "Butikens värvningsprogram har avslutats.",
    }
}
