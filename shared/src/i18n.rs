//! Language catalogs. Every string a shopper sees comes from here.
//!
//! Each language is an exhaustive `match` over [`Msg`], so adding a message
//! without translating it into every shipped language does not compile.
//! Placeholders are `{name}` and are filled by [`fill`].

use serde::{Deserialize, Serialize};

use crate::tracking::{Step, TrackingStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Sv,
    Nb,
    Da,
    De,
    Ro,
}

impl Lang {
    pub const ALL: [Self; 6] = [Self::En, Self::Sv, Self::Nb, Self::Da, Self::De, Self::Ro];

    /// BCP 47 tag, for `lang` attributes and `Intl` formatting.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Sv => "sv",
            Self::Nb => "nb",
            Self::Da => "da",
            Self::De => "de",
            Self::Ro => "ro",
        }
    }

    /// The language's own name, for a language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Sv => "Svenska",
            Self::Nb => "Norsk",
            Self::Da => "Dansk",
            Self::De => "Deutsch",
            Self::Ro => "Română",
        }
    }

    /// Reads one language tag (`sv-SE`, `NO`, `nn`, `de_AT`); `None` when
    /// it is not a language we ship.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .trim()
            .split(['-', '_', ';'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "sv" => Some(Self::Sv),
            // Nynorsk readers read Bokmål; `no` is the macrolanguage.
            "nb" | "no" | "nn" => Some(Self::Nb),
            "da" => Some(Self::Da),
            "de" => Some(Self::De),
            "ro" | "mo" => Some(Self::Ro),
            _ => None,
        }
    }

    /// Picks the language: the merchant's or page's explicit choice first,
    /// then the browser's preferences in order, then English.
    pub fn negotiate<'a>(
        explicit: Option<&str>,
        preferred: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        explicit
            .and_then(Self::from_tag)
            .or_else(|| preferred.into_iter().find_map(Self::from_tag))
            .unwrap_or_default()
    }

    pub fn text(self, msg: Msg) -> &'static str {
        match self {
            Self::En => en(msg),
            Self::Sv => sv(msg),
            Self::Nb => nb(msg),
            Self::Da => da(msg),
            Self::De => de(msg),
            Self::Ro => ro(msg),
        }
    }

    /// The label of a progress step.
    pub fn step(self, step: Step) -> &'static str {
        self.text(match step {
            Step::Ordered => Msg::StepOrdered,
            Step::Shipped => Msg::StepShipped,
            Step::InTransit => Msg::StepInTransit,
            Step::OutForDelivery => Msg::StepOutForDelivery,
            Step::Delivered => Msg::StepDelivered,
        })
    }

    /// The shopper-facing label of a tracking status.
    pub fn status(self, status: TrackingStatus) -> &'static str {
        self.text(match status {
            TrackingStatus::Pending => Msg::StatusPending,
            TrackingStatus::InfoReceived => Msg::StatusInfoReceived,
            TrackingStatus::InTransit => Msg::StatusInTransit,
            TrackingStatus::OutForDelivery => Msg::StatusOutForDelivery,
            TrackingStatus::AttemptFail => Msg::StatusAttemptFail,
            TrackingStatus::AvailableForPickup => Msg::StatusAvailableForPickup,
            TrackingStatus::Delivered => Msg::StatusDelivered,
            TrackingStatus::Exception => Msg::StatusException,
            TrackingStatus::Expired => Msg::StatusExpired,
        })
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Every message the widget shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    LookupTitle,
    LookupIntro,
    OrderNumberLabel,
    OrderNumberHint,
    EmailLabel,
    LookupSubmit,
    LookingUp,
    NotFound,
    InvalidInput,
    RateLimited,
    SessionExpired,
    NetworkError,
    TryAgain,
    OrderHeading,
    PlacedOn,
    ThankYouNamed,
    ThankYou,
    OrderCancelled,
    StepOrdered,
    StepShipped,
    StepInTransit,
    StepOutForDelivery,
    StepDelivered,
    ProgressLabel,
    StatusPending,
    StatusInfoReceived,
    StatusInTransit,
    StatusOutForDelivery,
    StatusAttemptFail,
    StatusAvailableForPickup,
    StatusDelivered,
    StatusException,
    StatusExpired,
    ExceptionHelp,
    EstimatedDelivery,
    RunningLate,
    DeliveredOn,
    ShipmentOf,
    Carrier,
    TrackingNumber,
    TrackOnCarrierSite,
    Updates,
    ShowMore,
    ShowLess,
    NotShippedYet,
    Items,
    Quantity,
    Total,
    LookUpAnother,
    Loading,
    PoweredBy,
}

impl Msg {
    pub const ALL: [Self; 51] = [
        Self::LookupTitle,
        Self::LookupIntro,
        Self::OrderNumberLabel,
        Self::OrderNumberHint,
        Self::EmailLabel,
        Self::LookupSubmit,
        Self::LookingUp,
        Self::NotFound,
        Self::InvalidInput,
        Self::RateLimited,
        Self::SessionExpired,
        Self::NetworkError,
        Self::TryAgain,
        Self::OrderHeading,
        Self::PlacedOn,
        Self::ThankYouNamed,
        Self::ThankYou,
        Self::OrderCancelled,
        Self::StepOrdered,
        Self::StepShipped,
        Self::StepInTransit,
        Self::StepOutForDelivery,
        Self::StepDelivered,
        Self::ProgressLabel,
        Self::StatusPending,
        Self::StatusInfoReceived,
        Self::StatusInTransit,
        Self::StatusOutForDelivery,
        Self::StatusAttemptFail,
        Self::StatusAvailableForPickup,
        Self::StatusDelivered,
        Self::StatusException,
        Self::StatusExpired,
        Self::ExceptionHelp,
        Self::EstimatedDelivery,
        Self::RunningLate,
        Self::DeliveredOn,
        Self::ShipmentOf,
        Self::Carrier,
        Self::TrackingNumber,
        Self::TrackOnCarrierSite,
        Self::Updates,
        Self::ShowMore,
        Self::ShowLess,
        Self::NotShippedYet,
        Self::Items,
        Self::Quantity,
        Self::Total,
        Self::LookUpAnother,
        Self::Loading,
        Self::PoweredBy,
    ];
}

fn en(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Track your order",
        LookupIntro => "Enter your order number and the email address you used at checkout.",
        OrderNumberLabel => "Order number",
        OrderNumberHint => "For example #1001",
        EmailLabel => "Email address",
        LookupSubmit => "Find my order",
        LookingUp => "Looking up your order…",
        NotFound => {
            "We couldn't find an order with that number and email address. Please check both and try again."
        }
        InvalidInput => "Please enter an order number and a valid email address.",
        RateLimited => "Too many attempts. Please wait a minute and try again.",
        SessionExpired => "Your session has expired. Please look up your order again.",
        NetworkError => "Something went wrong on our side. Please try again.",
        TryAgain => "Try again",
        OrderHeading => "Order {number}",
        PlacedOn => "Placed on {date}",
        ThankYouNamed => "Thank you for your order, {name}!",
        ThankYou => "Thank you for your order!",
        OrderCancelled => "This order was cancelled.",
        StepOrdered => "Ordered",
        StepShipped => "Shipped",
        StepInTransit => "In transit",
        StepOutForDelivery => "Out for delivery",
        StepDelivered => "Delivered",
        ProgressLabel => "Delivery progress",
        StatusPending => "Order received",
        StatusInfoReceived => "Label created",
        StatusInTransit => "In transit",
        StatusOutForDelivery => "Out for delivery",
        StatusAttemptFail => "Delivery attempt failed",
        StatusAvailableForPickup => "Ready for pickup",
        StatusDelivered => "Delivered",
        StatusException => "Delivery problem",
        StatusExpired => "No recent updates",
        ExceptionHelp => {
            "There is a problem with this delivery. The carrier is working on it; check the latest update below."
        }
        EstimatedDelivery => "Estimated delivery: {date}",
        RunningLate => "Running late",
        DeliveredOn => "Delivered on {date}",
        ShipmentOf => "Package {n} of {total}",
        Carrier => "Carrier",
        TrackingNumber => "Tracking number",
        TrackOnCarrierSite => "Track on the carrier's site",
        Updates => "Updates",
        ShowMore => "Show all updates",
        ShowLess => "Show fewer updates",
        NotShippedYet => "We're preparing your order. Tracking appears here as soon as it ships.",
        Items => "Items",
        Quantity => "Qty {n}",
        Total => "Total",
        LookUpAnother => "Look up another order",
        Loading => "Loading…",
        PoweredBy => "Order tracking by aftercart",
    }
}

fn sv(msg: Msg) -> &'static str {
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
    }
}

fn nb(msg: Msg) -> &'static str {
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
    }
}

fn da(msg: Msg) -> &'static str {
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
    }
}

fn de(msg: Msg) -> &'static str {
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
    }
}

fn ro(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        LookupTitle => "Urmărește comanda",
        LookupIntro => {
            "Introdu numărul comenzii și adresa de e-mail folosită la finalizarea comenzii."
        }
        OrderNumberLabel => "Numărul comenzii",
        OrderNumberHint => "De exemplu #1001",
        EmailLabel => "Adresa de e-mail",
        LookupSubmit => "Găsește comanda",
        LookingUp => "Căutăm comanda ta…",
        NotFound => {
            "Nu am găsit nicio comandă cu acest număr și această adresă de e-mail. Verifică-le pe amândouă și încearcă din nou."
        }
        InvalidInput => "Introdu un număr de comandă și o adresă de e-mail validă.",
        RateLimited => "Prea multe încercări. Așteaptă un minut și încearcă din nou.",
        SessionExpired => "Sesiunea a expirat. Caută din nou comanda.",
        NetworkError => "Ceva nu a funcționat la noi. Încearcă din nou.",
        TryAgain => "Încearcă din nou",
        OrderHeading => "Comanda {number}",
        PlacedOn => "Plasată pe {date}",
        ThankYouNamed => "Îți mulțumim pentru comandă, {name}!",
        ThankYou => "Îți mulțumim pentru comandă!",
        OrderCancelled => "Această comandă a fost anulată.",
        StepOrdered => "Comandată",
        StepShipped => "Expediată",
        StepInTransit => "În tranzit",
        StepOutForDelivery => "În curs de livrare",
        StepDelivered => "Livrată",
        ProgressLabel => "Progresul livrării",
        StatusPending => "Comandă primită",
        StatusInfoReceived => "Etichetă de expediere creată",
        StatusInTransit => "În tranzit",
        StatusOutForDelivery => "În curs de livrare",
        StatusAttemptFail => "Încercare de livrare eșuată",
        StatusAvailableForPickup => "Gata de ridicare",
        StatusDelivered => "Livrată",
        StatusException => "Problemă la livrare",
        StatusExpired => "Nicio actualizare recentă",
        ExceptionHelp => {
            "Există o problemă cu această livrare. Curierul se ocupă de ea; vezi cea mai recentă actualizare mai jos."
        }
        EstimatedDelivery => "Livrare estimată: {date}",
        RunningLate => "Întârziată",
        DeliveredOn => "Livrată pe {date}",
        ShipmentOf => "Coletul {n} din {total}",
        Carrier => "Curier",
        TrackingNumber => "Număr de urmărire",
        TrackOnCarrierSite => "Urmărește pe site-ul curierului",
        Updates => "Actualizări",
        ShowMore => "Arată toate actualizările",
        ShowLess => "Arată mai puține actualizări",
        NotShippedYet => "Îți pregătim comanda. Urmărirea apare aici imediat ce este expediată.",
        Items => "Produse",
        Quantity => "Cant. {n}",
        Total => "Total",
        LookUpAnother => "Caută altă comandă",
        Loading => "Se încarcă…",
        PoweredBy => "Urmărire comenzi de la aftercart",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_language_translates_every_message_with_the_same_placeholders() {
        for msg in Msg::ALL {
            let english = Lang::En.text(msg);
            for lang in Lang::ALL {
                let text = lang.text(msg);
                assert!(!text.trim().is_empty(), "{lang:?} {msg:?} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{lang:?} {msg:?}"
                );
            }
        }
    }

    #[test]
    fn non_english_catalogs_are_really_translated() {
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let same = Msg::ALL
                .iter()
                .filter(|m| lang.text(**m) == Lang::En.text(**m))
                .count();
            // A few words are the same in several languages ("Updates").
            assert!(same <= 3, "{lang:?} has {same} untranslated messages");
        }
    }

    #[test]
    fn negotiation_prefers_explicit_then_browser_then_english() {
        assert_eq!(Lang::negotiate(Some("de"), ["sv-SE"]), Lang::De);
        assert_eq!(
            Lang::negotiate(Some("xx"), ["fr-FR", "sv-SE", "en"]),
            Lang::Sv
        );
        assert_eq!(Lang::negotiate(None, ["nn-NO"]), Lang::Nb);
        assert_eq!(Lang::negotiate(None, ["no"]), Lang::Nb);
        assert_eq!(Lang::negotiate(None, ["da_DK"]), Lang::Da);
        assert_eq!(Lang::negotiate(None, ["ro-RO"]), Lang::Ro);
        assert_eq!(Lang::negotiate(None, ["fr", "it"]), Lang::En);
        assert_eq!(Lang::negotiate(None, []), Lang::En);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(
                Lang::En.text(Msg::ShipmentOf),
                &[("n", "1"), ("total", "2")]
            ),
            "Package 1 of 2"
        );
    }

    #[test]
    fn every_status_and_step_has_a_label() {
        for lang in Lang::ALL {
            for status in TrackingStatus::ALL {
                assert!(!lang.status(status).is_empty());
            }
            for step in Step::ALL {
                assert!(!lang.step(step).is_empty());
            }
        }
    }
}
