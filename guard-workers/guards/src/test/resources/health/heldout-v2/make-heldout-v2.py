# Generates the second HealthGuard word-salad held-out set (*.jsonl next to this file):
#   python3 make-heldout-v2.py
# Written before the part-of-speech / word-class work on WordSaladCheck (issue 15) and committed on its
# own; never edit or tune on it afterwards (see docs/guards/healthguard.md, "Measured").
# Each case: category (what it probes), expect (the exact set of issue types HealthGuard should report),
# options (payload options), text.
import json, os, random
FILES = {}
def add(file, category, expect, text, **opts):
    FILES.setdefault(file, []).append({"category": category, "expect": expect, "options": opts, "text": text})

def salad(category, text): add("word-salad", category, ["gibberish"], text)
def fine(category, text): add("look-alikes", category, [], text)

# ======================= word salad of real words (expect gibberish)

# --- real sentences with their words shuffled (fixed seed, so the file is reproducible)
rng = random.Random(1509)
SOURCES = [
    "The committee will review the revised budget proposal at its next meeting in early spring.",
    "Most travellers prefer the coastal road because the mountain pass closes after heavy snow.",
    "If the dough feels sticky, dust your hands with flour and knead it for another few minutes.",
    "She left the office early so that she could collect her daughter from the swimming lesson.",
    "Our team rewrote the billing service last year and the number of support tickets dropped sharply.",
    "A good night of sleep does more for your memory than an extra hour of revision.",
    "When the river floods, the farmers move their cattle to the higher fields near the old chapel.",
    "You should back up the database before you change the schema, otherwise a failed migration may lose data.",
    "The museum opens at ten on weekdays, but the garden can be visited from eight in the morning.",
    "He apologised to his neighbours for the noise and promised to finish the repairs by Friday.",
]
for s in SOURCES:
    words = s.rstrip(".").split()
    words = [w.lower() for w in words]
    while True:
        rng.shuffle(words)
        if words[0] != s.split()[0].lower():
            break
    salad("shuffled_sentence", words[0].capitalize() + " " + " ".join(words[1:]) + ".")

# --- content-word chains with a few function words
salad("content_chain", "Harvest copper balcony the fragile quarterly umbrella of whistling granite receipt.")
salad("content_chain", "Melting passport a tangerine ladder quietly census bracelet in velvet accordion thunder.")
salad("content_chain", "Orchestra carpet the sincere modem galloping pepper. Lighthouse vintage of stapler brave cinnamon.")
salad("content_chain", "Certainly. Plumber reluctant glacier the dividend haystack kindly mosaic hurricane for blossom.")
salad("content_chain", "Jogging cathedral mortgage the elastic pigeon of a sunrise mattress diplomatic almond.")
salad("content_chain", "Friendly asteroid wallpaper negotiates the crumbling saucepan with turquoise grammar lobster.")
salad("content_chain", "Invoice shepherd the lukewarm tortoise. Basement alphabet of clarinet fury marathon ceiling.")
salad("content_chain", "Noodle parliament abruptly the scarlet hinge, thermostat of orchard cushion rehearses dolphin.")
salad("content_chain", "Good question! Bamboo acrobat the sleepy voltage in harbour satchel meadow prescription gravy.")
salad("content_chain", "Chalk dinosaur the obedient pretzel of firmware lagoon sketching. Hollow compass a tuxedo juggles wheat.")
salad("content_chain", "Corridor banana thoughtful the telescope, wandering of lettuce cement gracefully bicycle syrup.")
salad("content_chain", "Thunder biscuit negotiating the velvet spreadsheet across mustard pilgrim elbow galaxy pudding.")

# --- degenerate model output that loops between topics
salad("topic_loop", "The recipe for bread the weather tomorrow flour Paris rain the oven degrees cloudy bread the yeast forecast "
      "Paris flour the rain oven weather the bread cloudy yeast degrees tomorrow the forecast.")
salad("topic_loop", "To install the package install Python the football match score package the goalkeeper pip version "
      "install the match the penalty pip Python the score goalkeeper version package.")
salad("topic_loop", "Photosynthesis the stock market chlorophyll shares sunlight dividend the leaf investors glucose "
      "the market chlorophyll photosynthesis shares the sunlight leaf dividend glucose investors.")
salad("topic_loop", "Your invoice the dinosaur era payment overdue fossils the account Jurassic balance the reptiles invoice "
      "payment the fossils overdue era account the Jurassic reptiles balance.")
salad("topic_loop", "Sure, the knitting pattern the quarterly taxes stitch deduction yarn the receipts purl needles "
      "the taxes pattern deduction the stitch yarn receipts quarterly needles purl.")
salad("topic_loop", "The kernel panic the garden roses stack trace compost the pruning driver module soil the panic "
      "roses trace the compost kernel pruning module driver soil.")
salad("topic_loop", "Vaccines immune the medieval castles antibody moat the drawbridge booster response the knights "
      "antibody castles the immune moat booster knights response drawbridge.")
salad("topic_loop", "In summary the marathon training the cryptocurrency wallet mileage the blockchain tempo runs "
      "wallet the training marathon blockchain the mileage cryptocurrency tempo runs.")

# --- salad inside an otherwise normal answer's paragraph
salad("mixed_paragraph", "To reset your password, open Settings and choose Account. Ribbon the quarterly sprocket of "
      "migrate blanket honestly the receipt lantern tortoise velvet. You will then get an email with a link.")
salad("mixed_paragraph", "The capital of Australia is Canberra, not Sydney. Parliament the harbour of kangaroo deliberately "
      "eucalyptus the ballot cathedral swimming boomerang. Many people are surprised by this.")
salad("mixed_paragraph", "Here is a short summary of the article. Inflation fell in the second quarter. Bakery the "
      "interest of mortgage whisper the gravel quarterly turnip pension. Economists expect a further fall.")
salad("mixed_paragraph", "You can boil the eggs for about nine minutes. Saucepan the yolk of timer gently the "
      "shell vinegar orchestra the pepper. Then cool them in cold water before peeling.")
salad("mixed_paragraph", "The function returns a list of users. Iterate the of cursor velvet pagination the "
      "database umbrella the token. Each user has an id and an email address, and the list is sorted by id.")
salad("mixed_paragraph", "Thanks for asking! The train leaves at noon. Platform the conductor of luggage "
      "window the ticket sandwich carriage gravel the whistle. Arrive early to find a seat.")

# --- other shapes: a list of salad lines, a salad reply to a question, lower case without punctuation
salad("salad_list", "Here are the steps:\n1. Kettle the ambitious voltage of parsley.\n2. Marble the drizzle harbour "
      "a sideways cabinet.\n3. Pension the giraffe of copper tomorrow the wallet.")
salad("salad_reply", "The answer to your question about tax returns is velvet the pumpkin of harmonica deadline "
      "the gravel of spreadsheet whistle the lobster of invoice.")
salad("salad_lower", "so the of carpet yesterday gallop the mustard sincere the about window of hurricane "
      "the pillow of marathon the of because basket.")
salad("salad_reply", "Great choice. Satellite the of pudding honestly the cathedral umbrella is was the meadow, "
      "and the cucumber of parliament the ladder.")

# ======================= look-alikes that are language (expect nothing)

# --- headlines
fine("headline", "Storm Forces Closure of Coastal Rail Line for Third Day")
fine("headline", "Central bank holds rates steady as inflation cools")
fine("headline", "Local bakery wins national award for sourdough")
fine("headline", "Tech giant unveils foldable laptop, ships next spring")
fine("headline", "Ministers clash over farm subsidy reform plan")
fine("headline", "Record heat grips southern Europe; wildfire warnings issued")
fine("headline", "Volunteers Restore Historic Canal Towpath After Flood Damage")

# --- tag and keyword lines
fine("tags", "Tags: gardening, composting, raised beds, organic soil, spring planting")
fine("tags", "#travel #hiking #alps #summer #mountainlife")
fine("tags", "Keywords: supply chain resilience, inventory buffers, supplier diversification, lead times")
fine("tags", "Topics covered: recursion, memoization, dynamic programming, graph traversal, heaps")
fine("tags", "SEO keywords: cheap hotels Lisbon, family rooms, city centre, free breakfast, airport shuttle")
fine("tags", "Categories: Fiction / Mystery / Historical / Victorian London")

# --- telegraphic notes
fine("telegraphic", "Call plumber Monday. Kitchen tap dripping. Ask about boiler service too.")
fine("telegraphic", "Meeting moved to Thursday 3 pm. Room B. Bring quarterly figures.")
fine("telegraphic", "Patient stable overnight. Pain controlled. Plan: discharge tomorrow if bloods normal.")
fine("telegraphic", "Arrived safe. Hotel fine. Weather grey. Back Sunday.")
fine("telegraphic", "Deploy blocked: staging tests red, owner on leave, retry after fix merged.")
fine("telegraphic", "Milk, eggs, bread. Pick up parcel from post office. Pay gas bill.")
fine("telegraphic", "Root cause: expired certificate. Impact: login failures for forty minutes. Fix: rotated cert, added alert.")

# --- bullet lists of nouns
fine("noun_list", "You will need:\n- flour\n- butter\n- caster sugar\n- two eggs\n- vanilla extract")
fine("noun_list", "Packing list:\n* passport\n* charger\n* rain jacket\n* walking boots\n* sunscreen")
fine("noun_list", "Key risks:\n- vendor lock-in\n- data residency\n- staff turnover\n- budget overrun")
fine("noun_list", "Ingredients: chickpeas, tahini, lemon juice, garlic, olive oil, cumin, salt.")
fine("noun_list", "The kit contains:\n\n- screwdriver\n- spirit level\n- tape measure\n- wall plugs\n- hex keys")
fine("noun_list", "Common garden birds:\n1. robin\n2. blackbird\n3. blue tit\n4. wren\n5. goldfinch")

# --- poetry
fine("poetry", "Grey heron, still\nas a question\nat the river's edge.")
fine("poetry", "Salt wind, slate roofs,\nthe bell of a late ferry,\nlamplight on wet stones.")
fine("poetry", "I kept your letters in a biscuit tin,\nthe paper soft as moth wings now,\nand read them when the rain came in.")
fine("poetry", "Morning: frost on the gate,\nbreath in clouds, a robin\nbright against the white.")
fine("poetry", "Autumn orchard, windfall apples,\nwasps drunk on sweetness,\nthe ladder resting, the picker gone.")
fine("poetry", "Night shift hum of the fridge,\ncity orange through the blinds,\nkettle, toast, the first bus.")

# --- code identifiers in prose
fine("code_identifiers", "Call getUserProfile with the session token, then pass the result to renderDashboard.")
fine("code_identifiers", "The config keys are max_retries, backoff_ms and circuit_breaker_threshold.")
fine("code_identifiers", "Rename OrderService.processPayment to chargeCustomer and update the callers in checkout_flow.py.")
fine("code_identifiers", "Set `spring.datasource.url` and `spring.jpa.hibernate.ddl-auto` in application.yml.")
fine("code_identifiers", "Use HashMap for lookups, ArrayDeque for the queue and TreeMap when you need sorted keys.")

# --- product names
fine("product_names", "Compatible with Galaxy Tab S9, Pixel Tablet and iPad Air fifth generation.")
fine("product_names", "We compared the Trek Domane, Specialized Roubaix and Canyon Endurace for long rides.")
fine("product_names", "Available in Midnight Blue, Forest Green, Sandstone and Arctic White.")
fine("product_names", "The bundle includes Office Home, Defender Plus and OneDrive Family Storage.")
fine("product_names", "Top picks: Sony WH-1000XM5, Bose QuietComfort Ultra, Sennheiser Momentum Four.")

# --- log lines
fine("log_lines", "2026-03-14 09:12:44 INFO  Server started on port 8080\n2026-03-14 09:12:45 WARN  Cache warmup slow\n2026-03-14 09:13:02 ERROR Connection refused: db-primary")
fine("log_lines", "[worker-3] job queued\n[worker-3] job started\n[worker-3] job finished in 412 ms")
fine("log_lines", "GET /api/orders 200 31ms\nPOST /api/orders 201 88ms\nGET /api/orders/77 404 4ms")
fine("log_lines", "kernel: usb 1-2: new high-speed USB device number 5 using xhci_hcd")
fine("log_lines", "WARN retrying upload attempt three of five after timeout talking to storage gateway")

# --- terse chat answers
fine("terse_chat", "Yes, Tuesday works.")
fine("terse_chat", "Nope, still broken after the update.")
fine("terse_chat", "Paris. Then Lyon by train, about two hours.")
fine("terse_chat", "Done. Pushed the fix, tests green.")
fine("terse_chat", "Probably the cache. Clear it and reload.")
fine("terse_chat", "Short answer: no. Long answer: only with admin rights.")
fine("terse_chat", "Sounds good, see you at the station around six.")

# --- non-native but grammatical English
fine("non_native", "Please kindly find attached the document which you have requested to me yesterday.")
fine("non_native", "I am working in this company since five years and I am very satisfied of my colleagues.")
fine("non_native", "We would like to inform you that the delivery will be effectuated on the next week.")
fine("non_native", "Thank you for your quick answer, it has helped me very much to understand the problem.")
fine("non_native", "According to my opinion, the new schedule is more better for the students and the teachers.")
fine("non_native", "Me and my family we are going every summer to the sea, it is our tradition since long time.")

here = os.path.dirname(os.path.abspath(__file__))
for name, cases in FILES.items():
    with open(os.path.join(here, name + ".jsonl"), "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(name, len(cases))
