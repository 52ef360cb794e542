//! The Romanian catalog: an exhaustive `match`, so a message missing here
//! does not compile.

use super::Msg;

pub(super) fn text(msg: Msg) -> &'static str {
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
        ProofNeeded => "Pentru a face modificări, confirmă numărul comenzii și adresa de e-mail.",
        ReadOnlyLink => {
            "Acest link îți arată comanda. Pentru a iniția un retur sau a lăsa o recenzie, confirmă că este a ta."
        }
        ConfirmItsMe => "Confirm că sunt eu",
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
        UsuallyArrivesBy => "Ajunge de obicei până pe {date}",
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
        OtherOrders => "Celelalte comenzi ale tale",
        StatusCancelled => "Anulată",
        ReturnOrderCancelled => "Această comandă a fost anulată, așa că nu poate fi returnată.",
        ReturnNotShipped => "Acest produs nu a fost încă expediat.",
        ReturnNotDelivered => "Acest produs nu a fost încă livrat. Îl poți returna după ce ajunge.",
        ReturnWindowClosed => "Termenul de retur de {period} s-a încheiat pe {date}.",
        ReturnFinalSale => "Produsele din vânzarea finală nu pot fi returnate.",
        ReturnExcluded => "Acest produs nu poate fi returnat.",
        ReturnAlreadyRefunded => "Acest produs a fost deja rambursat.",
        ReturnAlreadyReturned => "Acest produs a fost deja returnat.",
        ReturnQuantityTooHigh => "Poți returna cel mult {n} buc. din acest produs.",
        ReturnExchangeOnly => "Acest produs poate fi doar schimbat.",
        ReturnResolutionNotOffered => "Magazinul nu oferă acest tip de retur.",
        ReturnCurrencyMismatch => {
            "Această comandă nu poate fi returnată online. Te rugăm să contactezi magazinul."
        }
        ReturnUnknownItem => "Acest produs nu face parte din comandă.",
        ReturnDuplicateItem => "Acest produs apare de mai multe ori.",
        ReturnInvalidQuantity => "Alege cel puțin o bucată de returnat.",
        ReturnNothingSelected => "Alege cel puțin un produs de returnat.",
        ReturnReasonUnknown => "Alege un motiv din listă.",
        ReturnSubReasonRequired => "Alege varianta care descrie cel mai bine problema.",
        ReturnCommentRequired => "Spune-ne mai multe într-un comentariu.",
        ReturnCommentTooLong => "Te rugăm să păstrezi comentariul sub {max} de caractere.",
        ReturnPhotoRequired => "Te rugăm să adaugi un link către o fotografie.",
        ReturnPhotoInvalid => {
            "Linkul fotografiei trebuie să fie o adresă web care începe cu https://."
        }
        ReturnExchangeVariantRequired => "Alege mărimea sau culoarea pe care o vrei în schimb.",
        ReturnExplainWindowFromDelivery => {
            "Poți returna majoritatea produselor în {period} de la livrare."
        }
        ReturnExplainWindowFromShipping => {
            "Poți returna majoritatea produselor în {period} de la expediere."
        }
        ReturnExplainWindowFromOrder => {
            "Poți returna majoritatea produselor în {period} de la plasarea comenzii."
        }
        ReturnExplainGroupWindow => "{group}: în {period}.",
        ReturnExplainNotReturnable => "Nu pot fi returnate: {items}.",
        ReturnExplainWindowEnds => {
            "Termenul de retur se încheie la miezul nopții, ora magazinului ({offset}), în ultima zi."
        }
        ReturnExplainHowStart => {
            "Începe returul aici. După ce este aprobat, primești instrucțiuni pentru trimiterea produselor înapoi."
        }
        ReturnExplainRefund => "Rambursare prin metoda de plată inițială.",
        ReturnExplainCredit => "Credit în magazin în valoarea produselor.",
        ReturnExplainCreditBonus => {
            "Credit în magazin în valoarea produselor, plus un bonus de {percent}%."
        }
        ReturnExplainExchange => "Schimb cu altă mărime sau culoare.",
        ReturnExplainFee => "Taxă de retur: {amount}.",
        ReturnExplainNoFee => "Fără taxă de retur.",
        ReturnExplainHowProcessed => {
            "Verificăm produsele când ajung, apoi finalizăm rambursarea, creditul în magazin sau schimbul."
        }
        ReturnExplainFinalSale => "{group}: vânzare finală, nu pot fi returnate.",
        ReturnExplainExchangeOnly => "{group}: doar schimb.",
        ReturnStatusRequested => "Retur solicitat",
        ReturnStatusApproved => "Retur aprobat",
        ReturnStatusInTransit => "În drum spre magazin",
        ReturnStatusReceived => "Primit de magazin",
        ReturnStatusRefunded => "Rambursat",
        ReturnStatusCredited => "Credit emis",
        ReturnStatusExchanged => "Schimbat",
        ReturnStatusClosed => "Retur finalizat",
        ReturnStatusRejected => "Retur respins",
        ReturnStatusCancelled => "Retur anulat",
        EngageThankYouDelivered => "Comanda ta a ajuns. Îți mulțumim că ai cumpărat de la noi!",
        EngageThankYouDeliveredNamed => {
            "Comanda ta a ajuns, {name}. Îți mulțumim că ai cumpărat de la noi!"
        }
        EngageReviewTitle => "Cum ți se pare {product}?",
        EngageReviewAction => "Scrie o recenzie",
        EngageNpsQuestion => "Cât de probabil este să ne recomanzi unui prieten?",
        EngageNpsLow => "Deloc probabil",
        EngageNpsHigh => "Foarte probabil",
        EngageReferralTitle => "Oferă-le prietenilor tăi o reducere de {discount}",
        EngageReferralBody => {
            "Distribuie linkul tău. Când un prieten plasează prima comandă, primești {reward}."
        }
        EngageCopyLink => "Copiază linkul",
        EngageLinkCopied => "Link copiat",
        EngageRecommendationsTitle => "S-ar putea să-ți placă și",
        EngageUsageTipsTitle => "Bucură-te la maximum de achiziția ta",
        EngageDismiss => "Nu acum",
        EngageThanksForAnswer => "Îți mulțumim pentru răspuns!",
        LoyaltyBalance => "Ai {points} puncte",
        LoyaltyNextTier => "Încă {points} puncte până la {tier}",
        ReferralCodeInvalid => "Codul nu pare corect. Verifică-l și încearcă din nou.",
        EngageClose => "Închide",
        EngageSend => "Trimite",
        EngageShare => "Distribuie",
        EngageCopyManual => "Linkul este selectat: apasă Ctrl+C (⌘C pe Mac) ca să-l copiezi.",
        ReviewRatingLegend => "Nota ta",
        ReviewStar => "1 stea",
        ReviewStars => "{n} stele",
        ReviewTitleLabel => "Titlu",
        ReviewBodyLabel => "Recenzia ta",
        ReviewPhotoLabel => "Link către o fotografie (opțional, https://…)",
        ReviewIncentive => "Fiecare recenzie îți aduce {reward}, indiferent de notă.",
        IncentiveDiscount => "o reducere de {discount} la următoarea comandă",
        IncentivePoints => "{points} puncte",
        ReviewThanks => "Îți mulțumim pentru recenzie!",
        ReviewPending => "O publicăm după o scurtă verificare.",
        ReviewCoupon => "Codul tău pentru data viitoare",
        ReviewAlready => "Ai evaluat deja acest produs. Mulțumim!",
        ReviewRatingRequired => "Alege o notă de la 1 la 5 stele.",
        ReviewTitleRequired => "Dă-i un titlu recenziei tale.",
        ReviewBodyRequired => "Scrie câteva cuvinte despre produs.",
        EngageNpsQuestionShop => "Cât de probabil este să recomanzi {shop} unui prieten?",
        NpsComment => "Care este motivul principal pentru nota ta? (opțional)",
        NpsScoreRequired => "Alege o notă de la 0 la 10.",
        ReferralCodeLabel => "Codul tău",
        ReferralLinkLabel => "Linkul tău",
        LoyaltyTier => "Nivelul tău: {tier}",
        RecommendationsCode => "Folosește codul {code} la finalizarea comenzii pentru o reducere.",
        TipReadMore => "Citește mai mult",
        ReturnsTitle => "Retururi",
        StartReturn => "Începe un retur",
        ReturnNothingReturnable => {
            "Nimic din această comandă nu poate fi returnat în acest moment."
        }
        ReturnPolicy => "Politica de retur",
        ReturnPolicyWhat => "Ce se poate returna și până când",
        ReturnPolicyHow => "Cum funcționează",
        ReturnPolicyRules => "Reguli generale",
        ReturnStepItems => "Ce produse vrei să returnezi?",
        ReturnUntil => "Se poate returna până pe {date}",
        ReturnHowMany => "Câte bucăți",
        Continue => "Continuă",
        Back => "Înapoi",
        ReturnStepReasons => "De ce le returnezi?",
        ReturnReasonLegend => "Motiv",
        ReturnSubReasonLegend => "Mai exact?",
        ReturnComment => "Descrie problema",
        ReturnPhotoLink => "Link către o fotografie (https://…)",
        ReturnStepResolution => "Ce dorești să primești în schimb?",
        ResolutionRefund => "Rambursare",
        ResolutionStoreCredit => "Credit în magazin",
        ResolutionExchange => "Schimb",
        ReturnExchangeFor => "Mărimea sau culoarea pe care o vrei în locul produsului {item}",
        ReturnNoCommonResolution => {
            "Aceste produse nu pot fi returnate împreună. Te rugăm să le returnezi separat."
        }
        ReturnStepSummary => "Verifică returul",
        ReturnItemsValue => "Valoarea produselor",
        ReturnBonus => "Bonus la creditul în magazin",
        ReturnFee => "Taxă de retur",
        ReturnConfirm => "Confirmă returul",
        ReturnSending => "Se trimite…",
        ReturnRefusedIntro => "Unele produse nu pot fi returnate așa cum ai ales:",
        ReturnDone => "Returul tău a fost înregistrat",
        ReturnNumber => "Număr de retur",
        ReturnNextSteps => {
            "Tipărește bonul de retur și pune-l în colet împreună cu produsele. După ce magazinul aprobă returul, vei primi instrucțiuni pentru expediere."
        }
        ReturnSlip => "Bon de retur",
        PrintSlip => "Tipărește bonul",
        BackToOrder => "Înapoi la comandă",
        ReturnHeading => "Retur {rma}",
        ReferralLinkUnknown => {
            "Nu recunoaștem acest link de recomandare. Roagă-ți prietenul să ți-l trimită din nou."
        }
        ReferralProgramEnded => "Programul de recomandări al acestui magazin s-a încheiat.",
    }
}
