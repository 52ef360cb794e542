//! The Norwegian (Bokmål) catalog: an exhaustive `match`, so a message missing here
//! does not compile.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Spor bestillingen din",
        LookupIntro => "Skriv inn ordrenummeret og e-postadressen du brukte i kassen.",
        OrderNumberLabel => "Ordrenummer",
        OrderNumberHint => "For eksempel #1001",
        EmailLabel => "E-postadresse",
        LookupSubmit => "Finn bestillingen min",
        LookingUp => "Søker etter bestillingen din…",
        NotFound => {
            "Vi fant ingen bestilling med det ordrenummeret og den e-postadressen. Sjekk begge og prøv igjen."
        }
        InvalidInput => "Skriv inn et ordrenummer og en gyldig e-postadresse.",
        RateLimited => "For mange forsøk. Vent et minutt og prøv igjen.",
        SessionExpired => "Økten din er utløpt. Søk opp bestillingen på nytt.",
        ProofNeeded => "For å gjøre endringer, bekreft ordrenummeret og e-postadressen din.",
        ReadOnlyLink => {
            "Denne lenken viser bestillingen din. For å starte en retur eller gi en vurdering, bekreft at den er din."
        }
        ConfirmItsMe => "Bekreft at det er meg",
        NetworkError => "Noe gikk galt hos oss. Prøv igjen.",
        TryAgain => "Prøv igjen",
        OrderHeading => "Ordre {number}",
        PlacedOn => "Bestilt {date}",
        ThankYouNamed => "Takk for bestillingen, {name}!",
        ThankYou => "Takk for bestillingen!",
        OrderCancelled => "Denne bestillingen ble kansellert.",
        StepOrdered => "Bestilt",
        StepShipped => "Sendt",
        StepInTransit => "Underveis",
        StepOutForDelivery => "Ute for levering",
        StepDelivered => "Levert",
        ProgressLabel => "Leveringsstatus",
        StatusPending => "Bestilling mottatt",
        StatusInfoReceived => "Fraktetikett opprettet",
        StatusInTransit => "Underveis",
        StatusOutForDelivery => "Ute for levering",
        StatusAttemptFail => "Leveringsforsøket mislyktes",
        StatusAvailableForPickup => "Klar til henting",
        StatusDelivered => "Levert",
        StatusException => "Problem med leveringen",
        StatusExpired => "Ingen nye oppdateringer",
        ExceptionHelp => {
            "Det er et problem med leveringen. Transportøren jobber med saken; se siste oppdatering nedenfor."
        }
        EstimatedDelivery => "Forventet levering: {date}",
        UsuallyArrivesBy => "Kommer vanligvis fram innen {date}",
        RunningLate => "Forsinket",
        DeliveredOn => "Levert {date}",
        ShipmentOf => "Pakke {n} av {total}",
        Carrier => "Transportør",
        TrackingNumber => "Sporingsnummer",
        TrackOnCarrierSite => "Spor hos transportøren",
        Updates => "Oppdateringer",
        ShowMore => "Vis alle oppdateringer",
        ShowLess => "Vis færre oppdateringer",
        NotShippedYet => {
            "Vi gjør klar bestillingen din. Sporingen vises her så snart den er sendt."
        }
        Items => "Varer",
        Quantity => "Antall {n}",
        Total => "Totalt",
        LookUpAnother => "Søk opp en annen bestilling",
        Loading => "Laster…",
        PoweredBy => "Ordresporing fra aftercart",
        OtherOrders => "Dine andre bestillinger",
        StatusCancelled => "Kansellert",
        ReturnOrderCancelled => "Denne bestillingen ble kansellert, så den kan ikke returneres.",
        ReturnNotShipped => "Denne varen er ikke sendt ennå.",
        ReturnNotDelivered => {
            "Denne varen er ikke levert ennå. Du kan returnere den når den har kommet frem."
        }
        ReturnWindowClosed => "Returfristen på {period} gikk ut {date}.",
        ReturnFinalSale => "Varer solgt uten returrett kan ikke returneres.",
        ReturnExcluded => "Denne varen kan ikke returneres.",
        ReturnAlreadyRefunded => "Denne varen er allerede refundert.",
        ReturnAlreadyReturned => "Denne varen er allerede returnert.",
        ReturnQuantityTooHigh => "Du kan returnere maks {n} av denne varen.",
        ReturnExchangeOnly => "Denne varen kan bare byttes.",
        ReturnResolutionNotOffered => "Butikken tilbyr ikke denne typen retur.",
        ReturnCurrencyMismatch => {
            "Denne bestillingen kan ikke returneres på nett. Ta kontakt med butikken."
        }
        ReturnUnknownItem => "Denne varen er ikke en del av bestillingen.",
        ReturnDuplicateItem => "Denne varen står oppført mer enn én gang.",
        ReturnInvalidQuantity => "Velg minst én å returnere.",
        ReturnNothingSelected => "Velg minst én vare å returnere.",
        ReturnReasonUnknown => "Velg en årsak fra listen.",
        ReturnSubReasonRequired => "Velg det som best beskriver problemet.",
        ReturnCommentRequired => "Fortell oss litt mer i en kommentar.",
        ReturnCommentTooLong => "Hold kommentaren under {max} tegn.",
        ReturnPhotoRequired => "Legg til en lenke til et bilde.",
        ReturnPhotoInvalid => "Bildelenken må være en nettadresse som begynner med https://.",
        ReturnExchangeVariantRequired => "Velg hvilken størrelse eller farge du vil ha i stedet.",
        ReturnExplainWindowFromDelivery => {
            "Du kan returnere de fleste varer innen {period} etter levering."
        }
        ReturnExplainWindowFromShipping => {
            "Du kan returnere de fleste varer innen {period} etter at de ble sendt."
        }
        ReturnExplainWindowFromOrder => {
            "Du kan returnere de fleste varer innen {period} etter bestilling."
        }
        ReturnExplainGroupWindow => "{group}: innen {period}.",
        ReturnExplainNotReturnable => "Dette kan ikke returneres: {items}.",
        ReturnExplainWindowEnds => {
            "Returfristen går ut ved midnatt butikkens tid ({offset}) på siste dag."
        }
        ReturnExplainHowStart => {
            "Start returen her. Når den er godkjent, får du instruksjoner for å sende varene tilbake."
        }
        ReturnExplainRefund => "Refusjon til den opprinnelige betalingsmåten.",
        ReturnExplainCredit => "Tilgodelapp i butikken for varenes verdi.",
        ReturnExplainCreditBonus => {
            "Tilgodelapp i butikken for varenes verdi pluss {percent} % bonus."
        }
        ReturnExplainExchange => "Bytte til en annen størrelse eller farge.",
        ReturnExplainFee => "Returgebyr: {amount}.",
        ReturnExplainNoFee => "Ingen returgebyr.",
        ReturnExplainHowProcessed => {
            "Vi sjekker varene når de kommer frem, og fullfører deretter refusjonen, tilgodelappen eller byttet."
        }
        ReturnExplainFinalSale => "{group}: uten returrett.",
        ReturnExplainExchangeOnly => "{group}: kun bytte.",
        ReturnStatusRequested => "Retur forespurt",
        ReturnStatusApproved => "Retur godkjent",
        ReturnStatusInTransit => "På vei tilbake",
        ReturnStatusReceived => "Mottatt av butikken",
        ReturnStatusRefunded => "Refundert",
        ReturnStatusCredited => "Tilgodelapp utstedt",
        ReturnStatusExchanged => "Byttet",
        ReturnStatusClosed => "Retur fullført",
        ReturnStatusRejected => "Retur avslått",
        ReturnStatusCancelled => "Retur kansellert",
        EngageThankYouDelivered => {
            "Bestillingen din har kommet frem. Takk for at du handler hos oss!"
        }
        EngageThankYouDeliveredNamed => {
            "Bestillingen din har kommet frem, {name}. Takk for at du handler hos oss!"
        }
        EngageReviewTitle => "Hva synes du om {product}?",
        EngageReviewAction => "Skriv en anmeldelse",
        EngageNpsQuestion => "Hvor sannsynlig er det at du vil anbefale oss til en venn?",
        EngageNpsLow => "Ikke sannsynlig i det hele tatt",
        EngageNpsHigh => "Svært sannsynlig",
        EngageReferralTitle => "Gi vennene dine {discount} rabatt",
        EngageReferralBody => {
            "Del lenken din. Når en venn legger inn sin første bestilling, får du {reward}."
        }
        EngageCopyLink => "Kopier lenke",
        EngageLinkCopied => "Lenken er kopiert",
        EngageRecommendationsTitle => "Kanskje du også liker",
        EngageUsageTipsTitle => "Få mest mulig ut av kjøpet ditt",
        EngageDismiss => "Ikke nå",
        EngageThanksForAnswer => "Takk for svaret ditt!",
        LoyaltyBalance => "Du har {points} poeng",
        LoyaltyNextTier => "{points} poeng igjen til {tier}",
        ReferralCodeInvalid => "Koden ser ikke riktig ut. Sjekk den og prøv igjen.",
        EngageClose => "Lukk",
        EngageSend => "Send inn",
        EngageShare => "Del",
        EngageCopyManual => "Lenken er merket: trykk Ctrl+C (⌘C på Mac) for å kopiere den.",
        ReviewRatingLegend => "Din vurdering",
        ReviewStar => "1 stjerne",
        ReviewStars => "{n} stjerner",
        ReviewTitleLabel => "Overskrift",
        ReviewBodyLabel => "Anmeldelsen din",
        ReviewPhotoLabel => "Lenke til et bilde (valgfritt, https://…)",
        ReviewIncentive => "Hver anmeldelse gir {reward}, uansett vurdering.",
        IncentiveDiscount => "{discount} rabatt på neste kjøp",
        IncentivePoints => "{points} poeng",
        ReviewThanks => "Takk for anmeldelsen din!",
        ReviewPending => "Vi publiserer den etter en rask gjennomgang.",
        ReviewCoupon => "Koden din til neste gang",
        ReviewAlready => "Du har allerede anmeldt dette produktet. Takk!",
        ReviewRatingRequired => "Velg en vurdering fra 1 til 5 stjerner.",
        ReviewTitleRequired => "Gi anmeldelsen en overskrift.",
        ReviewBodyRequired => "Skriv noen ord om produktet.",
        EngageNpsQuestionShop => "Hvor sannsynlig er det at du vil anbefale {shop} til en venn?",
        NpsComment => "Hva er hovedgrunnen til vurderingen din? (valgfritt)",
        NpsScoreRequired => "Velg et tall fra 0 til 10.",
        ReferralCodeLabel => "Koden din",
        ReferralLinkLabel => "Lenken din",
        LoyaltyTier => "Ditt nivå: {tier}",
        RecommendationsCode => "Bruk koden {code} i kassen for å få rabatt.",
        TipReadMore => "Les mer",
        ReturnsTitle => "Returer",
        StartReturn => "Start en retur",
        ReturnNothingReturnable => "Ingenting i denne bestillingen kan returneres akkurat nå.",
        ReturnPolicy => "Returregler",
        ReturnPolicyWhat => "Hva som kan returneres, og til når",
        ReturnPolicyHow => "Slik fungerer det",
        ReturnPolicyRules => "Generelle regler",
        ReturnStepItems => "Hvilke varer vil du returnere?",
        ReturnUntil => "Kan returneres til og med {date}",
        ReturnHowMany => "Antall",
        Continue => "Fortsett",
        Back => "Tilbake",
        ReturnStepReasons => "Hvorfor returnerer du dem?",
        ReturnReasonLegend => "Årsak",
        ReturnSubReasonLegend => "Hva mer nøyaktig?",
        ReturnComment => "Beskriv problemet",
        ReturnPhotoLink => "Lenke til et bilde (https://…)",
        ReturnStepResolution => "Hva vil du ha tilbake?",
        ResolutionRefund => "Refusjon",
        ResolutionStoreCredit => "Tilgodelapp",
        ResolutionExchange => "Bytte",
        ReturnExchangeFor => "Størrelse eller farge du vil ha i stedet for {item}",
        ReturnNoCommonResolution => {
            "Disse varene kan ikke returneres sammen. Returner dem hver for seg."
        }
        ReturnStepSummary => "Kontroller returen din",
        ReturnItemsValue => "Varenes verdi",
        ReturnBonus => "Bonus på tilgodelappen",
        ReturnFee => "Returgebyr",
        ReturnConfirm => "Bekreft returen",
        ReturnSending => "Sender…",
        ReturnRefusedIntro => "Noen varer kan ikke returneres slik du har valgt:",
        ReturnDone => "Returen din er registrert",
        ReturnNumber => "Returnummer",
        ReturnNextSteps => {
            "Skriv ut returseddelen og legg den i pakken sammen med varene. Når butikken har godkjent returen, får du instruksjoner om hvordan du sender den."
        }
        ReturnSlip => "Returseddel",
        PrintSlip => "Skriv ut returseddelen",
        BackToOrder => "Tilbake til bestillingen",
        ReturnHeading => "Retur {rma}",
        ReferralLinkUnknown => {
            "Vi kjenner ikke igjen denne vervelenken. Be vennen din om å sende den på nytt."
        }
        ReferralProgramEnded => "Butikkens verveprogram er avsluttet.",
    }
}
