#!/usr/bin/env python3
"""Generates a repository of policies shaped like a real legal team's, deterministically.

    repo.py DIR [--count 200] [--min-kb 10] [--max-kb 60] [--seed 18]

Writes DIR/policies/*.yaml (one policy per file, sizes spread evenly between
--min-kb and --max-kb of YAML source) and a few shared fragments
(DIR/policies/_org-*.yaml) that about half of the policies include.

The policies are what a multinational keeps: privacy policies, cookie notices
and supplements for several jurisdictions (United States with a CCPA block and
a California supplement, EU/EEA, United Kingdom, Germany, France, Spain,
Italy, Brazil, Canada in English and French, Japan) in their languages. Each
has a lead, numbered sections with prose paragraphs, bulleted and numbered
lists, some pipe tables (cookies, legal bases, retention), unnumbered
subheadings, contact blocks, references between sections, `{{ vars }}` and
`{{ org }}` facts in the text, a changelog and, in some, nested subsections.
Text comes from banks of sentences in each language, not from a word list, so
paragraph, line and word lengths are those of real policies.
"""
import argparse
import os
import random

# ---------------------------------------------------------------------------
# Sentence banks. {S} is the service, {O} the organization, {L} the legal name:
# they become template expressions in the YAML.

EN = dict(
    sentences=[
        "We collect information you provide directly to us when you create an account, fill in a form or contact customer support.",
        "This includes your name, email address, postal address, telephone number and any other information you choose to provide.",
        "When you use {S}, we automatically collect log information such as your IP address, browser type, operating system and the pages you visit.",
        "We use cookies and similar technologies to remember your preferences, keep you signed in and understand how the Service is used.",
        "We process your personal data only where we have a legal basis to do so, such as the performance of a contract or our legitimate interests.",
        "You may withdraw your consent at any time, without affecting the lawfulness of processing based on consent before its withdrawal.",
        "{O} does not sell your personal information to third parties for their own marketing purposes.",
        "We share personal information with service providers who process it on our behalf and under our instructions, such as hosting and payment providers.",
        "Where we transfer personal data outside the European Economic Area, we rely on the European Commission's standard contractual clauses.",
        "We keep personal data for as long as your account is active and, after that, only for as long as the law requires or permits.",
        "We take reasonable technical and organisational measures to protect your information against loss, theft and unauthorised access.",
        "No method of transmission over the internet or of electronic storage is completely secure, and we cannot guarantee absolute security.",
        "If you are under the age of 16, you may not use {S} without the consent of a parent or guardian.",
        "We may update this Privacy Policy from time to time, and we will notify you of material changes by email or through the Service.",
        "Depending on where you live, you may have the right to access, correct, delete or port the personal data we hold about you.",
        "You also have the right to object to or restrict certain processing, and to lodge a complaint with your local supervisory authority.",
        "To exercise any of these rights, please contact us using the details below; we will respond within the time the law allows.",
        "We may need to verify your identity before we act on your request, for example by asking you to confirm your email address.",
        "Our analytics providers help us measure traffic and usage trends and improve the features we offer.",
        "Payment information is processed by our payment processor, and we do not store your full card number on our servers.",
        "We use information about your device and your use of the Service to detect fraud, spam and abuse and to keep the Service secure.",
        "When you connect a third-party account, we receive the information that service makes available to us under its own privacy policy.",
        "Aggregated or de-identified information that cannot reasonably be used to identify you is not personal information under this Policy.",
        "If {O} is involved in a merger, acquisition or sale of assets, your information may be transferred as part of that transaction.",
        "We respond to lawful requests from public authorities, including to meet national security or law enforcement requirements.",
        "Marketing emails include an unsubscribe link, and you can also change your communication preferences in your account settings.",
        "Some browsers offer a Do Not Track signal; we honour Global Privacy Control signals as a request to opt out of sharing.",
        "We retain backup copies for up to 90 days, after which they are overwritten in the normal course of operations.",
    ],
    titles=[
        "Information we collect", "How we use your information", "Legal bases for processing",
        "How we share your information", "Cookies and similar technologies", "International data transfers",
        "How long we keep your information", "How we protect your information", "Your rights and choices",
        "Children's privacy", "Marketing communications", "Third-party services and links",
        "Automated decision-making", "Data from other sources", "Security incidents",
        "Business transfers", "Law enforcement requests", "Changes to this policy", "Contact us",
    ],
    sub=["Information you give us", "Information collected automatically", "Information from partners",
         "Account data", "Usage data", "Device data", "Payment data", "Support requests"],
    bold=["Account information", "Content", "Usage information", "Device information", "Location",
          "Payment information", "Communications", "Preferences", "Inferences"],
    see="See {R} for details.",
    contact_intro="You can reach our privacy team at:",
    table=(["Purpose", "Legal basis", "Retention"],
           [["Providing the Service", "Contract", "While your account is open"],
            ["Security and fraud prevention", "Legitimate interests", "12 months"],
            ["Marketing emails", "Consent", "Until you unsubscribe"],
            ["Billing and tax records", "Legal obligation", "7 years"],
            ["Product analytics", "Legitimate interests", "13 months"],
            ["Customer support", "Contract", "3 years after the last contact"]]),
    cookies=(["Cookie", "Provider", "Purpose", "Duration"],
             [["session_id", "{O}", "Keeps you signed in", "Session"],
              ["csrf_token", "{O}", "Protects forms against forgery", "Session"],
              ["prefs", "{O}", "Remembers your language and theme", "1 year"],
              ["_ga", "Google Analytics", "Distinguishes visitors", "2 years"],
              ["_fbp", "Meta", "Advertising measurement", "90 days"],
              ["consent", "{O}", "Stores your cookie choices", "6 months"]]),
    title="Privacy Policy", cookie_title="Cookie Notice",
    lead="This {T} explains how {L} (\"{O}\", \"we\", \"us\") collects, uses and shares personal information when you use {S}. It applies from {{ dates.effective }}.",
)

DE = dict(
    sentences=[
        "Wir erheben personenbezogene Daten, die Sie uns bei der Registrierung, beim Ausfüllen eines Formulars oder bei einer Anfrage an den Kundendienst mitteilen.",
        "Dazu gehören Ihr Name, Ihre E-Mail-Adresse, Ihre Postanschrift, Ihre Telefonnummer und weitere Angaben, die Sie freiwillig machen.",
        "Bei der Nutzung von {S} erfassen wir automatisch Protokolldaten wie Ihre IP-Adresse, den Browsertyp, das Betriebssystem und die aufgerufenen Seiten.",
        "Wir verarbeiten Ihre Daten nur, soweit eine Rechtsgrundlage nach Art. 6 Abs. 1 DSGVO besteht, insbesondere zur Vertragserfüllung oder aufgrund unserer berechtigten Interessen.",
        "Sie können Ihre Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen, ohne dass die Rechtmäßigkeit der bis dahin erfolgten Verarbeitung berührt wird.",
        "{O} verkauft Ihre personenbezogenen Daten nicht an Dritte.",
        "Wir geben Daten an Auftragsverarbeiter weiter, die sie in unserem Auftrag und nach unseren Weisungen verarbeiten, etwa Hosting- und Zahlungsdienstleister.",
        "Soweit Daten in Länder außerhalb des Europäischen Wirtschaftsraums übermittelt werden, stützen wir uns auf die Standardvertragsklauseln der Europäischen Kommission.",
        "Wir speichern personenbezogene Daten nur so lange, wie es für die genannten Zwecke erforderlich ist oder gesetzliche Aufbewahrungsfristen es verlangen.",
        "Wir treffen angemessene technische und organisatorische Maßnahmen, um Ihre Daten vor Verlust, Zerstörung und unbefugtem Zugriff zu schützen.",
        "Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Datenübertragbarkeit.",
        "Außerdem können Sie sich bei einer Datenschutz-Aufsichtsbehörde beschweren, insbesondere in dem Mitgliedstaat Ihres Aufenthaltsorts.",
        "Wir setzen Cookies und ähnliche Technologien ein, um Ihre Einstellungen zu speichern und die Nutzung unseres Angebots auszuwerten.",
        "Technisch notwendige Cookies setzen wir auf Grundlage von § 25 Abs. 2 TDDDG; alle anderen Cookies nur mit Ihrer Einwilligung.",
        "Zahlungsdaten werden von unserem Zahlungsdienstleister verarbeitet; vollständige Kartennummern speichern wir nicht.",
        "Wir können diese Datenschutzerklärung anpassen, wenn sich unsere Verarbeitung oder die Rechtslage ändert; wesentliche Änderungen teilen wir Ihnen vorab mit.",
        "Handelsrechtliche Unterlagen bewahren wir gemäß § 257 HGB sechs Jahre und steuerlich relevante Unterlagen gemäß § 147 AO zehn Jahre auf.",
        "Sicherungskopien werden nach spätestens 90 Tagen im regulären Betrieb überschrieben.",
        "Eine automatisierte Entscheidungsfindung einschließlich Profiling im Sinne von Art. 22 DSGVO findet nicht statt.",
        "Zur Ausübung Ihrer Rechte genügt eine formlose Mitteilung an die unten genannten Kontaktdaten.",
    ],
    titles=["Verantwortlicher", "Welche Daten wir erheben", "Zwecke und Rechtsgrundlagen",
            "Empfänger der Daten", "Cookies und ähnliche Technologien", "Übermittlung in Drittländer",
            "Speicherdauer", "Datensicherheit", "Ihre Rechte", "Widerspruchsrecht",
            "Newsletter", "Kinder und Jugendliche", "Änderungen dieser Datenschutzerklärung", "Kontakt"],
    sub=["Von Ihnen angegebene Daten", "Automatisch erfasste Daten", "Daten von Dritten", "Zahlungsdaten"],
    bold=["Bestandsdaten", "Inhaltsdaten", "Nutzungsdaten", "Gerätedaten", "Standortdaten", "Zahlungsdaten",
          "Kommunikationsdaten"],
    see="Einzelheiten finden Sie in {R}.",
    contact_intro="Unseren Datenschutzbeauftragten erreichen Sie unter:",
    table=(["Zweck", "Rechtsgrundlage", "Speicherdauer"],
           [["Bereitstellung des Dienstes", "Art. 6 Abs. 1 lit. b DSGVO", "Bis zur Löschung des Kontos"],
            ["Sicherheit und Missbrauchsabwehr", "Art. 6 Abs. 1 lit. f DSGVO", "12 Monate"],
            ["Newsletter", "Art. 6 Abs. 1 lit. a DSGVO", "Bis zum Widerruf"],
            ["Buchhaltung", "Art. 6 Abs. 1 lit. c DSGVO", "10 Jahre"]]),
    cookies=(["Cookie", "Anbieter", "Zweck", "Laufzeit"],
             [["session_id", "{O}", "Anmeldung", "Sitzung"], ["consent", "{O}", "Speichert Ihre Auswahl", "6 Monate"],
              ["_ga", "Google", "Reichweitenmessung", "2 Jahre"]]),
    title="Datenschutzerklärung", cookie_title="Cookie-Richtlinie",
    lead="Diese {T} informiert Sie darüber, wie die {L} („{O}“, „wir“) personenbezogene Daten bei der Nutzung von {S} verarbeitet. Sie gilt ab dem {{ dates.effective }}.",
)

FR = dict(
    sentences=[
        "Nous collectons les informations que vous nous fournissez lorsque vous créez un compte, remplissez un formulaire ou contactez notre service client.",
        "Il s'agit notamment de vos nom, adresse électronique, adresse postale, numéro de téléphone et de toute autre information que vous choisissez de communiquer.",
        "Lorsque vous utilisez {S}, nous collectons automatiquement des données de connexion telles que votre adresse IP, le type de navigateur et les pages consultées.",
        "Nous ne traitons vos données personnelles que lorsqu'une base légale le permet, notamment l'exécution d'un contrat ou notre intérêt légitime.",
        "Vous pouvez retirer votre consentement à tout moment, sans que cela ne remette en cause la licéité du traitement effectué avant ce retrait.",
        "{O} ne vend pas vos données personnelles à des tiers.",
        "Nous partageons vos données avec des sous-traitants qui les traitent pour notre compte et selon nos instructions, comme nos hébergeurs et prestataires de paiement.",
        "Lorsque des données sont transférées hors de l'Espace économique européen, nous nous appuyons sur les clauses contractuelles types de la Commission européenne.",
        "Nous conservons vos données pendant la durée nécessaire aux finalités décrites, puis pendant les durées de prescription légales.",
        "Nous mettons en œuvre des mesures techniques et organisationnelles appropriées pour protéger vos données contre la perte et l'accès non autorisé.",
        "Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation, d'opposition et de portabilité de vos données.",
        "Vous pouvez également définir des directives relatives au sort de vos données après votre décès et introduire une réclamation auprès de la CNIL.",
        "Nous utilisons des cookies et traceurs pour mémoriser vos préférences, assurer la sécurité de votre session et mesurer l'audience du service.",
        "Les cookies non essentiels ne sont déposés qu'après avoir recueilli votre consentement, que vous pouvez modifier à tout moment.",
        "Les données de paiement sont traitées par notre prestataire de paiement ; nous ne conservons pas le numéro complet de votre carte.",
        "Nous pouvons modifier la présente politique ; en cas de modification substantielle, nous vous en informerons par courriel ou par une notification dans le service.",
        "Les copies de sauvegarde sont écrasées au bout de 90 jours au plus dans le cours normal de nos opérations.",
        "Pour exercer vos droits, il vous suffit de nous écrire aux coordonnées ci-dessous, en justifiant de votre identité si nécessaire.",
    ],
    titles=["Responsable du traitement", "Données que nous collectons", "Finalités et bases légales",
            "Destinataires des données", "Cookies et traceurs", "Transferts hors de l'Union européenne",
            "Durées de conservation", "Sécurité", "Vos droits", "Mineurs", "Modifications de la politique", "Nous contacter"],
    sub=["Données que vous nous fournissez", "Données collectées automatiquement", "Données reçues de tiers"],
    bold=["Données d'identification", "Contenus", "Données d'utilisation", "Données techniques", "Données de paiement"],
    see="Voir {R} pour plus de détails.",
    contact_intro="Vous pouvez joindre notre délégué à la protection des données :",
    table=(["Finalité", "Base légale", "Durée de conservation"],
           [["Fourniture du service", "Exécution du contrat", "Durée du compte"],
            ["Sécurité", "Intérêt légitime", "12 mois"],
            ["Prospection", "Consentement", "3 ans après le dernier contact"],
            ["Comptabilité", "Obligation légale", "10 ans"]]),
    cookies=(["Cookie", "Émetteur", "Finalité", "Durée"],
             [["session_id", "{O}", "Connexion", "Session"], ["consent", "{O}", "Mémorise vos choix", "6 mois"],
              ["_ga", "Google", "Mesure d'audience", "13 mois"]]),
    title="Politique de confidentialité", cookie_title="Politique relative aux cookies",
    lead="La présente {T} explique comment {L} (« {O} », « nous ») traite vos données personnelles lorsque vous utilisez {S}. Elle s'applique à compter du {{ dates.effective }}.",
)

ES = dict(
    sentences=[
        "Recopilamos la información que nos facilita al crear una cuenta, rellenar un formulario o ponerse en contacto con nuestro servicio de atención al cliente.",
        "Esto incluye su nombre, dirección de correo electrónico, dirección postal, número de teléfono y cualquier otra información que decida facilitarnos.",
        "Cuando utiliza {S}, recopilamos automáticamente datos de registro como su dirección IP, el tipo de navegador y las páginas que visita.",
        "Solo tratamos sus datos personales cuando existe una base jurídica, como la ejecución de un contrato o nuestro interés legítimo.",
        "Puede retirar su consentimiento en cualquier momento, sin que ello afecte a la licitud del tratamiento anterior a su retirada.",
        "{O} no vende sus datos personales a terceros.",
        "Compartimos datos con encargados del tratamiento que los tratan por nuestra cuenta y siguiendo nuestras instrucciones.",
        "Cuando transferimos datos fuera del Espacio Económico Europeo, utilizamos las cláusulas contractuales tipo de la Comisión Europea.",
        "Conservamos los datos durante el tiempo necesario para los fines descritos y, después, durante los plazos de prescripción legales.",
        "Aplicamos medidas técnicas y organizativas adecuadas para proteger sus datos frente a la pérdida y el acceso no autorizado.",
        "Tiene derecho a acceder, rectificar y suprimir sus datos, así como a la limitación, la oposición y la portabilidad.",
        "También puede presentar una reclamación ante la Agencia Española de Protección de Datos.",
        "Utilizamos cookies para recordar sus preferencias, mantener su sesión y medir el uso del servicio.",
        "Podemos modificar esta política; si el cambio es sustancial, se lo comunicaremos por correo electrónico o mediante un aviso en el servicio.",
    ],
    titles=["Responsable del tratamiento", "Datos que recopilamos", "Finalidades y bases jurídicas",
            "Destinatarios", "Cookies", "Transferencias internacionales", "Plazos de conservación",
            "Seguridad", "Sus derechos", "Menores de edad", "Cambios en esta política", "Contacto"],
    sub=["Datos que nos facilita", "Datos recopilados automáticamente", "Datos de terceros"],
    bold=["Datos identificativos", "Contenido", "Datos de uso", "Datos del dispositivo", "Datos de pago"],
    see="Consulte {R} para más información.",
    contact_intro="Puede contactar con nuestro delegado de protección de datos en:",
    table=(["Finalidad", "Base jurídica", "Plazo"],
           [["Prestación del servicio", "Contrato", "Mientras la cuenta esté activa"],
            ["Seguridad", "Interés legítimo", "12 meses"], ["Comunicaciones comerciales", "Consentimiento", "Hasta la baja"]]),
    cookies=(["Cookie", "Titular", "Finalidad", "Duración"],
             [["session_id", "{O}", "Sesión", "Sesión"], ["_ga", "Google", "Analítica", "2 años"]]),
    title="Política de privacidad", cookie_title="Política de cookies",
    lead="Esta {T} explica cómo {L} («{O}», «nosotros») trata sus datos personales cuando utiliza {S}. Se aplica desde el {{ dates.effective }}.",
)

IT = dict(
    sentences=[
        "Raccogliamo le informazioni che ci fornisce quando crea un account, compila un modulo o contatta il nostro servizio clienti.",
        "Quando utilizza {S}, raccogliamo automaticamente dati di navigazione come l'indirizzo IP, il tipo di browser e le pagine visitate.",
        "Trattiamo i Suoi dati personali solo in presenza di una base giuridica, come l'esecuzione di un contratto o il nostro legittimo interesse.",
        "{O} non vende i Suoi dati personali a terzi.",
        "Condividiamo i dati con responsabili del trattamento che li trattano per nostro conto e secondo le nostre istruzioni.",
        "Conserviamo i dati per il tempo necessario alle finalità indicate e, successivamente, per i termini previsti dalla legge.",
        "Adottiamo misure tecniche e organizzative adeguate per proteggere i dati da perdita e accessi non autorizzati.",
        "Lei ha il diritto di accesso, rettifica, cancellazione, limitazione, opposizione e portabilità dei dati.",
        "Può inoltre proporre reclamo al Garante per la protezione dei dati personali.",
        "Possiamo modificare la presente informativa; in caso di modifiche sostanziali La informeremo per e-mail o tramite il servizio.",
    ],
    titles=["Titolare del trattamento", "Dati raccolti", "Finalità e basi giuridiche", "Destinatari",
            "Cookie", "Trasferimenti extra UE", "Conservazione", "Sicurezza", "I Suoi diritti", "Modifiche", "Contatti"],
    sub=["Dati forniti da Lei", "Dati raccolti automaticamente"],
    bold=["Dati identificativi", "Contenuti", "Dati di utilizzo", "Dati di pagamento"],
    see="Si veda {R}.",
    contact_intro="Può contattare il nostro responsabile della protezione dei dati:",
    table=(["Finalità", "Base giuridica", "Conservazione"],
           [["Erogazione del servizio", "Contratto", "Durata dell'account"], ["Sicurezza", "Legittimo interesse", "12 mesi"]]),
    cookies=(["Cookie", "Fornitore", "Finalità", "Durata"], [["session_id", "{O}", "Sessione", "Sessione"]]),
    title="Informativa sulla privacy", cookie_title="Cookie policy",
    lead="La presente {T} descrive come {L} («{O}», «noi») tratta i dati personali degli utenti di {S}. Si applica dal {{ dates.effective }}.",
)

PT = dict(
    sentences=[
        "Coletamos as informações que você nos fornece ao criar uma conta, preencher um formulário ou entrar em contato com o nosso suporte.",
        "Quando você utiliza {S}, coletamos automaticamente dados de registro, como endereço IP, tipo de navegador e páginas acessadas.",
        "Tratamos seus dados pessoais com base nas hipóteses previstas no art. 7º da Lei Geral de Proteção de Dados (LGPD).",
        "{O} não vende seus dados pessoais a terceiros.",
        "Compartilhamos dados com operadores que os tratam em nosso nome e de acordo com nossas instruções.",
        "Mantemos os dados pelo tempo necessário às finalidades descritas e pelos prazos exigidos pela legislação aplicável.",
        "Adotamos medidas de segurança técnicas e administrativas aptas a proteger os dados pessoais de acessos não autorizados.",
        "Você pode solicitar confirmação da existência de tratamento, acesso, correção, anonimização, portabilidade e eliminação dos seus dados.",
        "Você também pode apresentar reclamação à Autoridade Nacional de Proteção de Dados (ANPD).",
        "Podemos atualizar esta política e informaremos você sobre alterações relevantes por e-mail ou no próprio serviço.",
        "Utilizamos cookies para lembrar suas preferências, manter sua sessão e medir a audiência.",
    ],
    titles=["Controlador", "Dados que coletamos", "Finalidades e bases legais", "Compartilhamento",
            "Cookies", "Transferência internacional", "Retenção", "Segurança", "Seus direitos",
            "Encarregado (DPO)", "Alterações", "Contato"],
    sub=["Dados fornecidos por você", "Dados coletados automaticamente"],
    bold=["Dados cadastrais", "Conteúdo", "Dados de uso", "Dados de pagamento"],
    see="Veja {R}.",
    contact_intro="Fale com o nosso encarregado pelo tratamento de dados pessoais:",
    table=(["Finalidade", "Base legal", "Prazo"],
           [["Prestação do serviço", "Execução de contrato", "Enquanto a conta existir"],
            ["Segurança", "Legítimo interesse", "6 meses (Marco Civil da Internet)"]]),
    cookies=(["Cookie", "Fornecedor", "Finalidade", "Duração"], [["session_id", "{O}", "Sessão", "Sessão"]]),
    title="Política de Privacidade", cookie_title="Política de Cookies",
    lead="Esta {T} explica como {L} (\"{O}\", \"nós\") trata dados pessoais de quem usa {S}. Vigente a partir de {{ dates.effective }}.",
)

JA = dict(
    sentences=[
        "当社は、お客様がアカウントを作成し、フォームに入力し、またはカスタマーサポートに連絡する際に提供される情報を取得します。",
        "これには、氏名、メールアドレス、住所、電話番号その他お客様が提供することを選択した情報が含まれます。",
        "{S}のご利用時には、IPアドレス、ブラウザの種類、閲覧したページなどのログ情報を自動的に取得します。",
        "当社は、個人情報の保護に関する法律その他の関係法令を遵守し、利用目的の達成に必要な範囲で個人情報を取り扱います。",
        "{O}は、お客様の個人情報を第三者に販売することはありません。",
        "当社は、業務委託先に対し、委託した業務の遂行に必要な範囲で個人データを提供することがあります。",
        "外国にある第三者に個人データを提供する場合は、法令に従い、あらかじめお客様の同意を得るか、必要な措置を講じます。",
        "当社は、個人データの漏えい、滅失又は毀損の防止その他の安全管理のために必要かつ適切な措置を講じます。",
        "お客様は、当社が保有する個人データの開示、訂正、追加、削除、利用停止等を請求することができます。",
        "本ポリシーは、法令の改正やサービスの変更に応じて改定することがあり、重要な変更はサービス上でお知らせします。",
        "当社は、お客様の設定を記憶し、サービスの利用状況を分析するためにクッキー及び類似の技術を使用します。",
    ],
    titles=["取得する情報", "利用目的", "第三者提供", "業務委託", "外国にある第三者への提供",
            "安全管理措置", "開示等の請求", "クッキーの使用", "未成年者の個人情報", "本ポリシーの変更", "お問い合わせ窓口"],
    sub=["お客様から提供される情報", "自動的に取得する情報"],
    bold=["登録情報", "コンテンツ", "利用情報", "端末情報", "決済情報"],
    see="詳しくは{R}をご覧ください。",
    contact_intro="個人情報の取扱いに関するお問い合わせは、下記までご連絡ください。",
    table=(["利用目的", "対象となる情報", "保存期間"],
           [["サービスの提供", "登録情報", "退会まで"], ["不正利用の防止", "端末情報", "12か月"]]),
    cookies=(["クッキー", "提供者", "目的", "有効期間"], [["session_id", "{O}", "ログイン状態の維持", "セッション"]]),
    title="プライバシーポリシー", cookie_title="クッキーポリシー",
    lead="{L}（以下「{O}」といいます。）は、{S}における個人情報の取扱いについて、以下のとおり{T}を定めます。施行日：{{ dates.effective }}",
)

LANGS = dict(en=EN, de=DE, fr=FR, es=ES, it=IT, pt=PT, ja=JA)

# Jurisdictions: (code, language, weight, CCPA block share).
JURISDICTIONS = [
    ("us", "en", 30, 0.8), ("eu", "en", 14, 0), ("uk", "en", 8, 0), ("de", "de", 12, 0),
    ("fr", "fr", 10, 0), ("es", "es", 7, 0), ("it", "it", 4, 0), ("br", "pt", 6, 0),
    ("ca", "en", 3, 0), ("ca-fr", "fr", 2, 0), ("jp", "ja", 4, 0),
]

ORGS = [
    ("Fernhill", "Fernhill Software, Inc.", "fernhill", "Portland, OR 97204"),
    ("Norden", "Norden Labs GmbH", "norden", "10115 Berlin"),
    ("Calloway", "Calloway Media SAS", "calloway", "75002 Paris"),
    ("Brightwater", "Brightwater Health LLC", "brightwater", "Austin, TX 78701"),
    ("Quillon", "Quillon Payments Ltd", "quillon", "London EC2A 4NE"),
    ("Saffron", "Saffron Retail S.L.", "saffron", "28001 Madrid"),
    ("Aoba", "Aoba Digital K.K.", "aoba", "Tokyo 100-0005"),
    ("Tucano", "Tucano Tecnologia Ltda.", "tucano", "São Paulo, SP 01310-100"),
]
SERVICES = ["Notes", "Pay", "Health", "Cloud", "Learn", "Market", "Travel", "Photos", "Mail", "Drive"]

CCPA_CATEGORIES = [
    ("identifiers", "Name, email address, IP address, account ID", True),
    ("customer-records", "Billing name, billing address, last four card digits", True),
    ("protected-classifications", "Age, gender", False),
    ("commercial", "Purchase and subscription history", True),
    ("biometric", "Face geometry, voiceprints", False),
    ("internet-activity", "Pages visited, features used, crash reports", True),
    ("geolocation", "Approximate location from your IP address", True),
    ("sensory", "Voice recordings of support calls", False),
    ("professional", "Employer, job title", False),
    ("education", "Student records", False),
    ("inferences", "Preferences inferred from your activity", True),
    ("sensitive", "Account log-in and password", True),
]


def nbytes(lines):
    return sum(len(l.encode()) + 1 for l in lines)


def q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Policy:
    def __init__(self, rng, n, jur, lang, ccpa, shared_org):
        self.rng, self.n, self.jur, self.lang, self.ccpa = rng, n, jur, lang, ccpa
        self.L = LANGS[lang]
        self.shared_org = shared_org
        self.ids = []

    def fill(self, text):
        return (text.replace("{S}", "{{ vars.service }}").replace("{O}", "{{ org.name }}")
                .replace("{L}", "{{ org.legal_name }}"))

    def paragraph(self, lo=3, hi=6):
        rng = self.rng
        sents = [rng.choice(self.L["sentences"]) for _ in range(rng.randint(lo, hi))]
        text = " ".join(sents) if self.lang != "ja" else "".join(sents)
        if self.ids and rng.random() < 0.25:
            text += (" " if self.lang != "ja" else "") + self.L["see"].replace(
                "{R}", '{{ ref(id="%s") }}' % rng.choice(self.ids))
        return self.fill(text)

    def bullets(self):
        rng = self.rng
        items = []
        for _ in range(rng.randint(3, 7)):
            s = rng.choice(self.L["sentences"])
            items.append(f"- **{rng.choice(self.L['bold'])}**: {self.fill(s)}")
        return "\n".join(items)

    def numbered(self):
        rng = self.rng
        return "\n".join(f"{i}. {self.fill(rng.choice(self.L['sentences']))}"
                         for i in range(1, rng.randint(3, 6) + 1))

    def table(self, which):
        head, rows = self.L[which]
        rows = self.rng.sample(rows, k=len(rows))
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(self.fill(c) for c in r) + " |" for r in rows]
        return "\n".join(out)

    def body(self, title_index):
        rng = self.rng
        blocks = [self.paragraph()]
        for _ in range(rng.randint(0, 3)):
            r = rng.random()
            if r < 0.45:
                blocks.append(self.paragraph())
            elif r < 0.75:
                blocks.append(self.bullets())
            elif r < 0.88:
                blocks.append(self.numbered())
            else:
                blocks.append(self.table("table"))
        title = self.L["titles"][title_index % len(self.L["titles"])]
        if "ookie" in title or "クッキー" in title:
            blocks.append(self.table("cookies"))
        return blocks

    @staticmethod
    def block(text, indent):
        pad = " " * indent
        return [pad + l if l else "" for l in text.split("\n")]

    def section(self, sid, title, blocks, indent, numbered=True, children=()):
        pad = " " * indent
        out = [f"{pad}- id: {sid}", f"{pad}  title: {q(title)}"]
        if not numbered:
            out.append(f"{pad}  numbered: false")
        out.append(f"{pad}  body: |")
        for i, b in enumerate(blocks):
            if i:
                out.append("")
            out += self.block(b, indent + 4)
        if children:
            out.append(f"{pad}  sections:")
            for c in children:
                out += c
        return out

    def render(self, target):
        rng, L = self.rng, self.L
        org = ORGS[self.n % len(ORGS)] if self.shared_org is None else ORGS[self.shared_org]
        name, legal, dom, city = org
        cookie = rng.random() < 0.15
        title = L["cookie_title"] if cookie else L["title"]
        pid = f"{self.jur}-{'cookies' if cookie else 'privacy'}-{self.n:03d}"
        day = 1 + self.n % 28
        fmt = rng.choice(["long", "month-year", "numeric", "iso"]) if self.lang == "en" else "iso"
        out = [
            "# yaml-language-server: $schema=../policy.schema.json",
            f"id: {pid}",
            f"title: {q(title)}",
        ]
        if self.shared_org is not None:
            out.append(f"include: [_org-{dom}.yaml]")
        else:
            out += [
                "organization:",
                f"  name: {name}",
                f"  legal_name: {q(legal)}",
                f"  website: https://{dom}.example",
                "contacts:",
                "  privacy:",
                f"    name: {q(name + ' Privacy Team')}",
                f"    email: privacy@{dom}.example",
                '    phone: "+1 888 555 0142"',
                "    toll_free: true",
                f"    web: https://{dom}.example/privacy/requests",
                f"    address: [{q('1 Main Street')}, {q(city)}]",
                "  dpo:",
                "    name: Data Protection Officer",
                f"    email: dpo@{dom}.example",
            ]
        out += [
            "dates:",
            f"  effective: 2026-{1 + self.n % 12:02d}-{day:02d}",
            f"  last_updated: 2026-{1 + self.n % 12:02d}-{day:02d}",
            f"  format: {fmt}",
            "vars:",
            f"  service: {q(name + ' ' + rng.choice(SERVICES))}",
            f"  region: {self.jur}",
            f"lead: {q(self.fill(L['lead'].replace('{T}', title)))}",
            "sections:",
        ]
        # The contact section every policy ends with (unnumbered), the CCPA
        # block and the changelog, made first so the sections fill the rest.
        tail = self.section("contact", L["titles"][-1], [
            L["contact_intro"], '{{ contact(id="privacy") }}', '{{ contact(id="dpo") }}'], 2, numbered=False)
        if self.ccpa:
            tail += self.ccpa_block()
        tail += [
            "changelog:",
            f"  - date: 2026-{1 + self.n % 12:02d}-{day:02d}",
            "    summary: Annual review; updated the retention periods.",
            "    material: true",
            "  - date: 2025-06-01",
            "    summary: First published version.",
            "notice:",
            "  days: 30",
        ]
        size = nbytes(out) + nbytes(tail)
        i = 0
        while True:
            t = i % len(L["titles"])
            title_i = L["titles"][t] + ("" if i < len(L["titles"]) else f" ({i // len(L['titles']) + 1})")
            sid = f"s{i + 1}"
            children = []
            if rng.random() < 0.3:
                for k in range(rng.randint(2, 4)):
                    cid = f"{sid}-{k + 1}"
                    sub = L["sub"][(i + k) % len(L["sub"])]
                    children.append(self.section(cid, sub, [self.paragraph(2, 4)] +
                                                 ([self.bullets()] if rng.random() < 0.4 else []),
                                                 6, numbered=rng.random() < 0.7))
            blocks = self.body(t)
            if rng.random() < 0.05:
                blocks.append(L["contact_intro"] + "\n\n" + '{{ contact(id="%s") }}' %
                              rng.choice(["privacy", "dpo"]))
            lines = self.section(sid, title_i, blocks, 2, children=children)
            if size + nbytes(lines) > target:
                if size > target - 2000:
                    break
                continue  # too long for what is left: draw another section
            out += lines
            self.ids.append(sid)
            size += nbytes(lines)
            i += 1
        out += tail
        return pid, "\n".join(out) + "\n"

    def ccpa_block(self):
        rng = self.rng
        out = [
            "supplements:",
            "  - id: california",
            '    title: "Supplement for California Residents"',
            "    body: |",
            "      This supplement applies to residents of California and adds to the policy above.",
            "    sections:",
            "      - id: ca-categories",
            "        title: Personal information we collect",
            "        body: |",
            "          In the last 12 months we collected the following categories of personal information.",
            "",
            "          {{ ccpa_table() }}",
            "      - id: ca-requests",
            "        title: How to make a request",
            "        body: |",
            "          Submit a request through our web form, by email, or by calling us toll-free.",
            "",
            '          {{ contact(id="privacy") }}',
            "ccpa:",
            "  categories:",
        ]
        for cat, ex, collected in CCPA_CATEGORIES:
            collected = collected and rng.random() < 0.9
            out += [f"    - category: {cat}", f"      examples: {q(ex)}", f"      collected: {str(collected).lower()}"]
            if collected:
                out += [
                    "      sources: [You, Your devices]",
                    "      purposes: [Providing the Service, Security and fraud prevention]",
                    "      recipients: [Hosting providers, Analytics providers]",
                    f"      shared: {str(rng.random() < 0.2).lower()}",
                    f"      retention: {q(rng.choice(['While your account is open', '13 months', '7 years']))}",
                ]
        out += [
            "  rights: [know, delete, correct, opt-out, limit, non-discrimination]",
            "  request_methods: [privacy]",
            "  sells_minors: false",
            "  online_only: false",
        ]
        return out


def fragment(org):
    name, legal, dom, city = org
    return "\n".join([
        f"# Facts shared by {name}'s policies.",
        "organization:",
        f"  name: {name}",
        f"  legal_name: {q(legal)}",
        f"  website: https://{dom}.example",
        "contacts:",
        "  privacy:",
        f"    name: {q(name + ' Privacy Team')}",
        "    attention: Data Protection Lead",
        f"    email: privacy@{dom}.example",
        '    phone: "+1 888 555 0142"',
        "    toll_free: true",
        f"    web: https://{dom}.example/privacy/requests",
        f"    address: [{q('1 Main Street')}, {q(city)}]",
        "  dpo:",
        "    name: Data Protection Officer",
        f"    email: dpo@{dom}.example",
    ]) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--min-kb", type=float, default=10)
    ap.add_argument("--max-kb", type=float, default=60)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    folder = os.path.join(args.dir, "policies")
    os.makedirs(folder, exist_ok=True)
    for org in ORGS:
        with open(os.path.join(folder, f"_org-{org[2]}.yaml"), "w") as f:
            f.write(fragment(org))
    weights = [j[2] for j in JURISDICTIONS]
    for n in range(args.count):
        # Sizes spread evenly over the range, in a shuffled order.
        # A policy ends within 2 KB under its target.
        lo, hi = args.min_kb * 1024 + 2048, args.max_kb * 1024
        target = int(lo + (hi - lo) * ((n * 37) % args.count) / max(1, args.count - 1))
        jur, lang, _, ccpa_share = rng.choices(JURISDICTIONS, weights)[0]
        shared = rng.randrange(len(ORGS)) if rng.random() < 0.5 else None
        p = Policy(rng, n, jur, lang, rng.random() < ccpa_share, shared)
        pid, text = p.render(target)
        with open(os.path.join(folder, f"{pid}.yaml"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
