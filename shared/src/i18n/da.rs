//! The Danish catalog: an exhaustive `match`, so a message missing here
//! does not compile.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Følg din ordre",
        LookupIntro => "Indtast dit ordrenummer og den e-mailadresse, du brugte ved betalingen.",
        OrderNumberLabel => "Ordrenummer",
        OrderNumberHint => "For eksempel #1001",
        EmailLabel => "E-mailadresse",
        LookupSubmit => "Find min ordre",
        LookingUp => "Finder din ordre…",
        NotFound => {
            "Vi kunne ikke finde en ordre med det ordrenummer og den e-mailadresse. Tjek begge og prøv igen."
        }
        InvalidInput => "Indtast et ordrenummer og en gyldig e-mailadresse.",
        RateLimited => "For mange forsøg. Vent et minut og prøv igen.",
        SessionExpired => "Din session er udløbet. Find din ordre igen.",
        ProofNeeded => {
            "For at foretage ændringer skal du bekræfte dit ordrenummer og din e-mailadresse."
        }
        ReadOnlyLink => {
            "Dette link viser din ordre. For at starte en returnering eller skrive en anmeldelse skal du bekræfte, at den er din."
        }
        ConfirmItsMe => "Bekræft, at det er mig",
        NetworkError => "Noget gik galt hos os. Prøv igen.",
        TryAgain => "Prøv igen",
        OrderHeading => "Ordre {number}",
        PlacedOn => "Bestilt {date}",
        ThankYouNamed => "Tak for din ordre, {name}!",
        ThankYou => "Tak for din ordre!",
        OrderCancelled => "Denne ordre blev annulleret.",
        StepOrdered => "Bestilt",
        StepShipped => "Afsendt",
        StepInTransit => "Undervejs",
        StepOutForDelivery => "Ude til levering",
        StepDelivered => "Leveret",
        ProgressLabel => "Leveringsforløb",
        StatusPending => "Ordre modtaget",
        StatusInfoReceived => "Forsendelseslabel oprettet",
        StatusInTransit => "Undervejs",
        StatusOutForDelivery => "Ude til levering",
        StatusAttemptFail => "Leveringsforsøg mislykkedes",
        StatusAvailableForPickup => "Klar til afhentning",
        StatusDelivered => "Leveret",
        StatusException => "Problem med leveringen",
        StatusExpired => "Ingen nye opdateringer",
        ExceptionHelp => {
            "Der er et problem med leveringen. Fragtfirmaet arbejder på det; se den seneste opdatering nedenfor."
        }
        EstimatedDelivery => "Forventet levering: {date}",
        UsuallyArrivesBy => "Plejer at ankomme senest {date}",
        RunningLate => "Forsinket",
        DeliveredOn => "Leveret {date}",
        ShipmentOf => "Pakke {n} af {total}",
        Carrier => "Fragtfirma",
        TrackingNumber => "Sporingsnummer",
        TrackOnCarrierSite => "Følg hos fragtfirmaet",
        Updates => "Opdateringer",
        ShowMore => "Vis alle opdateringer",
        ShowLess => "Vis færre opdateringer",
        NotShippedYet => "Vi gør din ordre klar. Sporingen vises her, så snart den er afsendt.",
        Items => "Varer",
        Quantity => "Antal {n}",
        Total => "I alt",
        LookUpAnother => "Find en anden ordre",
        Loading => "Indlæser…",
        PoweredBy => "Ordresporing fra aftercart",
        OtherOrders => "Dine andre ordrer",
        StatusCancelled => "Annulleret",
        ReturnOrderCancelled => "Denne ordre blev annulleret, så den kan ikke returneres.",
        ReturnNotShipped => "Denne vare er ikke afsendt endnu.",
        ReturnNotDelivered => {
            "Denne vare er ikke leveret endnu. Du kan returnere den, når den er kommet frem."
        }
        ReturnWindowClosed => "Returfristen på {period} udløb den {date}.",
        ReturnFinalSale => "Varer solgt uden returret kan ikke returneres.",
        ReturnExcluded => "Denne vare kan ikke returneres.",
        ReturnAlreadyRefunded => "Denne vare er allerede refunderet.",
        ReturnAlreadyReturned => "Denne vare er allerede returneret.",
        ReturnQuantityTooHigh => "Du kan højst returnere {n} af denne vare.",
        ReturnExchangeOnly => "Denne vare kan kun byttes.",
        ReturnResolutionNotOffered => "Butikken tilbyder ikke denne type retur.",
        ReturnCurrencyMismatch => {
            "Denne ordre kan ikke returneres online. Kontakt venligst butikken."
        }
        ReturnUnknownItem => "Denne vare er ikke en del af ordren.",
        ReturnDuplicateItem => "Denne vare står på listen mere end én gang.",
        ReturnInvalidQuantity => "Vælg mindst én at returnere.",
        ReturnNothingSelected => "Vælg mindst én vare at returnere.",
        ReturnReasonUnknown => "Vælg en årsag på listen.",
        ReturnSubReasonRequired => "Vælg det, der bedst beskriver problemet.",
        ReturnCommentRequired => "Fortæl os lidt mere i en kommentar.",
        ReturnCommentTooLong => "Hold din kommentar under {max} tegn.",
        ReturnPhotoRequired => "Tilføj et link til et billede.",
        ReturnPhotoInvalid => "Billedlinket skal være en webadresse, der begynder med https://.",
        ReturnExchangeVariantRequired => "Vælg den størrelse eller farve, du vil have i stedet.",
        ReturnExplainWindowFromDelivery => {
            "Du kan returnere de fleste varer inden for {period} efter levering."
        }
        ReturnExplainWindowFromShipping => {
            "Du kan returnere de fleste varer inden for {period} efter afsendelse."
        }
        ReturnExplainWindowFromOrder => {
            "Du kan returnere de fleste varer inden for {period} efter bestilling."
        }
        ReturnExplainGroupWindow => "{group}: inden for {period}.",
        ReturnExplainNotReturnable => "Disse kan ikke returneres: {items}.",
        ReturnExplainWindowEnds => {
            "Returfristen udløber ved midnat butikkens tid ({offset}) på sidste dag."
        }
        ReturnExplainHowStart => {
            "Start din retur her. Når den er godkendt, får du instruktioner til at sende varerne tilbage."
        }
        ReturnExplainRefund => "Refusion til din oprindelige betalingsmetode.",
        ReturnExplainCredit => "Tilgodebevis i butikken for varernes værdi.",
        ReturnExplainCreditBonus => {
            "Tilgodebevis i butikken for varernes værdi plus {percent} % bonus."
        }
        ReturnExplainExchange => "Ombytning til en anden størrelse eller farve.",
        ReturnExplainFee => "Returgebyr: {amount}.",
        ReturnExplainNoFee => "Intet returgebyr.",
        ReturnExplainHowProcessed => {
            "Vi kontrollerer varerne, når de ankommer, og gennemfører derefter din refusion, dit tilgodebevis eller din ombytning."
        }
        ReturnExplainFinalSale => "{group}: uden returret.",
        ReturnExplainExchangeOnly => "{group}: kun ombytning.",
        ReturnStatusRequested => "Retur anmodet",
        ReturnStatusApproved => "Retur godkendt",
        ReturnStatusInTransit => "På vej tilbage",
        ReturnStatusReceived => "Modtaget af butikken",
        ReturnStatusRefunded => "Refunderet",
        ReturnStatusCredited => "Tilgodebevis udstedt",
        ReturnStatusExchanged => "Byttet",
        ReturnStatusClosed => "Retur afsluttet",
        ReturnStatusRejected => "Retur afvist",
        ReturnStatusCancelled => "Retur annulleret",
        EngageThankYouDelivered => "Din ordre er kommet frem. Tak fordi du handler hos os!",
        EngageThankYouDeliveredNamed => {
            "Din ordre er kommet frem, {name}. Tak fordi du handler hos os!"
        }
        EngageReviewTitle => "Hvad synes du om {product}?",
        EngageReviewAction => "Skriv en anmeldelse",
        EngageNpsQuestion => "Hvor sandsynligt er det, at du vil anbefale os til en ven?",
        EngageNpsLow => "Slet ikke sandsynligt",
        EngageNpsHigh => "Meget sandsynligt",
        EngageReferralTitle => "Giv dine venner {discount} rabat",
        EngageReferralBody => "Del dit link. Når en ven afgiver sin første ordre, får du {reward}.",
        EngageCopyLink => "Kopiér link",
        EngageLinkCopied => "Linket er kopieret",
        EngageRecommendationsTitle => "Måske kan du også lide",
        EngageUsageTipsTitle => "Få mest muligt ud af dit køb",
        EngageDismiss => "Ikke nu",
        EngageThanksForAnswer => "Tak for dit svar!",
        LoyaltyBalance => "Du har {points} point",
        LoyaltyNextTier => "{points} point mere til {tier}",
        ReferralCodeInvalid => "Koden ser ikke rigtig ud. Tjek den, og prøv igen.",
        EngageClose => "Luk",
        EngageSend => "Indsend",
        EngageShare => "Del",
        EngageCopyManual => "Linket er markeret: tryk Ctrl+C (⌘C på Mac) for at kopiere det.",
        ReviewRatingLegend => "Din bedømmelse",
        ReviewStar => "1 stjerne",
        ReviewStars => "{n} stjerner",
        ReviewTitleLabel => "Overskrift",
        ReviewBodyLabel => "Din anmeldelse",
        ReviewPhotoLabel => "Link til et billede (valgfrit, https://…)",
        ReviewIncentive => "Hver anmeldelse giver {reward}, uanset bedømmelse.",
        IncentiveDiscount => "{discount} rabat på dit næste køb",
        IncentivePoints => "{points} point",
        ReviewThanks => "Tak for din anmeldelse!",
        ReviewPending => "Vi offentliggør den efter et hurtigt tjek.",
        ReviewCoupon => "Din kode til næste gang",
        ReviewAlready => "Du har allerede anmeldt dette produkt. Tak!",
        ReviewRatingRequired => "Vælg en bedømmelse fra 1 til 5 stjerner.",
        ReviewTitleRequired => "Giv din anmeldelse en overskrift.",
        ReviewBodyRequired => "Skriv et par ord om produktet.",
        EngageNpsQuestionShop => "Hvor sandsynligt er det, at du vil anbefale {shop} til en ven?",
        NpsComment => "Hvad er den vigtigste grund til din bedømmelse? (valgfrit)",
        NpsScoreRequired => "Vælg et tal fra 0 til 10.",
        ReferralCodeLabel => "Din kode",
        ReferralLinkLabel => "Dit link",
        LoyaltyTier => "Dit niveau: {tier}",
        RecommendationsCode => "Brug koden {code} ved kassen for at få rabat.",
        TipReadMore => "Læs mere",
        ReturnsTitle => "Returneringer",
        StartReturn => "Start en returnering",
        ReturnNothingReturnable => "Intet i denne ordre kan returneres lige nu.",
        ReturnPolicy => "Returpolitik",
        ReturnPolicyWhat => "Hvad der kan returneres, og hvornår",
        ReturnPolicyHow => "Sådan foregår det",
        ReturnPolicyRules => "Generelle regler",
        ReturnStepItems => "Hvilke varer vil du returnere?",
        ReturnUntil => "Kan returneres til og med {date}",
        ReturnHowMany => "Antal",
        Continue => "Fortsæt",
        Back => "Tilbage",
        ReturnStepReasons => "Hvorfor returnerer du dem?",
        ReturnReasonLegend => "Årsag",
        ReturnSubReasonLegend => "Hvad helt præcist?",
        ReturnComment => "Beskriv problemet",
        ReturnPhotoLink => "Link til et billede (https://…)",
        ReturnStepResolution => "Hvad vil du have tilbage?",
        ResolutionRefund => "Refusion",
        ResolutionStoreCredit => "Tilgodebevis",
        ResolutionExchange => "Ombytning",
        ReturnExchangeFor => "Størrelse eller farve, du vil have i stedet for {item}",
        ReturnNoCommonResolution => {
            "Disse varer kan ikke returneres samlet. Returnér dem hver for sig."
        }
        ReturnStepSummary => "Tjek din returnering",
        ReturnItemsValue => "Varernes værdi",
        ReturnBonus => "Bonus på tilgodebeviset",
        ReturnFee => "Returgebyr",
        ReturnConfirm => "Bekræft returneringen",
        ReturnSending => "Sender…",
        ReturnRefusedIntro => "Nogle varer kan ikke returneres, som du har valgt:",
        ReturnDone => "Din returnering er registreret",
        ReturnNumber => "Returnummer",
        ReturnNextSteps => {
            "Udskriv returseddelen, og læg den i pakken sammen med varerne. Når butikken har godkendt returneringen, får du besked om, hvordan du sender den."
        }
        ReturnSlip => "Returseddel",
        PrintSlip => "Udskriv returseddelen",
        BackToOrder => "Tilbage til ordren",
        ReturnHeading => "Returnering {rma}",
        ReferralLinkUnknown => {
            "Vi kan ikke genkende dette henvisningslink. Bed din ven om at sende det igen."
        }
        ReferralProgramEnded => "Butikkens henvisningsprogram er afsluttet.",
    }
}
