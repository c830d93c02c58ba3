# Generates tuning-salad.jsonl next to this file: in-sample cases written for the word-class work on
# WordSaladCheck (issue 15), before tuning; heldout/ and heldout-v2/ are never tuned on.
# python3 make-tuning-salad.py
import json, os, random
C = []
def add(expect, text, note):
    C.append({"expect": expect, "options": {}, "text": text, "notes": note})
def salad(note, text): add(["gibberish"], text, note)
def fine(note, text): add([], text, note)

rng = random.Random(77)
for s in [
    "The engineers replaced the worn bearings before the turbine was started again on Monday.",
    "My grandmother always kept a jar of buttons on the shelf above her sewing machine.",
    "Because the bridge was closed, the bus took a long detour through the industrial estate.",
    "Please make sure that every window is locked before you leave the building tonight.",
    "Children learn new words faster when they hear them in stories rather than in lists.",
    "The report shows that sales in the northern region grew by twelve percent over the year.",
    "After dinner we walked along the beach and watched the fishing boats come back to the harbour.",
    "The library will lend laptops to students who cannot afford to buy their own.",
]:
    w = [x.lower() for x in s.rstrip(".").split()]
    rng.shuffle(w)
    salad("shuffled sentence", w[0].capitalize() + " " + " ".join(w[1:]) + ".")

for t in [
    "Pebble sandwich the courteous anvil migrating tulip. Pharmacy drumstick of zeppelin.",
    "Velvet rooftop the accountant galloping, mustard of lighthouse kettle sideways.",
    "Absolutely! Cobweb the diligent noodle tractor wilderness of pamphlet crimson.",
    "Seashell parliament quietly the walrus, elbow the lantern ointment ceremony.",
    "Rhubarb the grateful satellite; marble turnip of eyebrow sawdust reluctantly.",
    "Broom oyster a delicate hurricane beneath gravel the spreadsheet pumpkin.",
    "Marmalade courtroom the sleepy crayon of algebra trombone distant pillow.",
    "Okay. Thimble porcupine the wool of customs blender yesterday orchard railway.",
    "Feather invoice the gymnasium honest in caterpillar pendulum the vinegar.",
    "Gravel accordion the sapphire dentist, ribbon of lemonade glacier humbly.",
    "Tundra plywood an awkward cucumber beside stethoscope the mayor of walnut.",
    "Hammock biscuit the jealous tornado wander. Carpet of the sprinkler nostalgia.",
]: salad("content chain, one or two function words", t)

for t in [
    "The printer driver the lasagne recipe toner cheese the paper tray oven basil the cartridge pasta driver "
    "the sauce toner tray the lasagne printer cheese cartridge oven.",
    "Mortgage rates the penguin colony interest Antarctica the loan chicks ice the fixed term penguin "
    "mortgage the colony rates chicks the loan ice interest term.",
    "The guitar chords the tax deadline strumming the refund capo form frets the filing guitar "
    "deadline the chords refund strumming form the capo frets filing.",
    "Sure, the volcano eruption the SQL query lava join the magma table select ash the index volcano "
    "query the eruption join lava table the select magma ash index.",
    "Hydration the football transfer electrolytes the striker fee water the club sodium transfer "
    "the hydration striker the electrolytes fee club water sodium.",
]: salad("topic loop", t)

for t in [
    "The meeting is at ten in room four. Agenda the budget of staple velvet the minutes hamster orbit "
    "the chairperson. Please bring your laptop.",
    "Your order has shipped and should arrive on Thursday. Parcel the courier of doorbell marmalade "
    "the tracking cactus ribbon. Contact us if it is late.",
    "Water boils at a lower temperature at altitude. Summit the kettle of pressure walrus the oxygen "
    "trumpet lantern the climber. This is why pasta takes longer in the mountains.",
    "The error means the port is already in use. Socket the firewall of listener pumpkin the daemon "
    "harbour velvet the process. Stop the other server and try again.",
    "I have checked the spelling and the grammar. Comma the paragraph of semicolon tractor the adverb "
    "cathedral gravy the noun. The essay is ready to submit.",
]: salad("salad inside a normal paragraph", t)

for t in [
    "To answer your question: the of ladder kindly the spoon of when rhubarb is the the blanket.",
    "Here is the plan:\n- Lantern the ambitious spoon of orbit.\n- Velvet the cheese a sideways planet.\n- Tomorrow the of gravel umbrella.",
]: salad("other shapes", t)

# ---- look-alikes: language, however terse
for t in [
    "Heavy rain expected across western counties tonight",
    "Council approves new cycle lanes despite shopkeeper protests",
    "Shares tumble as chipmaker cuts forecast; analysts wary",
    "Pilot shortage grounds regional flights for second week",
    "Labels: invoices, tax, receipts, accountant, deadlines",
    "Skills: Java, distributed systems, event sourcing, observability, mentoring",
    "#baking #sourdough #weekendproject",
    "Laundry, hoover stairs, water plants. Ring Mum.",
    "Flight delayed two hours. Gate changed to B12. Boarding soon.",
    "Assessment: mild dehydration. Plan: oral fluids, review in four hours.",
    "Build failed: missing dependency, lockfile out of date, cache stale.",
    "Bring:\n- tent\n- sleeping bag\n- head torch\n- stove\n- water filter",
    "Materials: oak boards, wood glue, brass hinges, linseed oil, sandpaper.",
    "Shopping list: apples, oats, yoghurt, honey, almonds, coffee beans.",
    "Thin rain on the window,\nthe clock loud in the hall,\nno letter again today.",
    "Copper leaves, a cold sun,\nthe lake holding the sky\nlike a plate of tin.",
    "Dust motes, the slant of noon,\ngrandfather asleep in his chair,\nthe radio still talking.",
    "Pass the parsed config to buildRouter and register the handlers with addRoute.",
    "The env vars are DB_HOST, DB_PORT and DB_PASSWORD_FILE.",
    "Call `list.sort(Comparator.comparing(Person::age))` to order by age.",
    "Compare the ThinkPad X1 Carbon, Dell XPS 13 and MacBook Air for battery life.",
    "Colours: Storm Grey, Ocean Teal, Desert Sand, Graphite Black.",
    "INFO  scheduler tick complete, three jobs dispatched, none failed",
    "[db] connection pool exhausted, waiting for a free connection",
    "Yes, go ahead.",
    "Not yet. Maybe tomorrow.",
    "Fixed it. Typo in the config.",
    "Berlin, then Prague by bus, roughly four hours.",
    "Honestly? The second one. Cheaper and lighter.",
    "I am living in this city since ten years and I like very much the parks.",
    "Please to find below the informations about the shipment of your goods.",
    "Our company is making the software for the hospitals since the year two thousand.",
    "The results of the experiment were more good than what we have expected in the beginning.",
    "Preheat the oven, grease the tin, whisk the eggs with the sugar, fold in the flour and bake for forty minutes.",
    "Quarterly revenue growth driver analysis shows subscription renewals outperforming new customer acquisition.",
    "Customer data platform vendor selection criteria include consent management, identity resolution and export formats.",
    "Remote work policy update: core hours ten to three, office days optional, equipment budget unchanged.",
    "Wind turbine blade leading edge erosion reduces annual energy output by up to five percent.",
    "Under the lease, the tenant shall keep the premises in good repair and shall not sublet without written consent.",
    "The mitochondrial membrane potential decreased significantly after treatment with the inhibitor.",
    "Fix null check in payment retry handler; add regression test for expired cards",
    "Bump jackson-databind from 2.17.1 to 2.17.2",
    "Error: could not open file, permission denied. Check the owner and the mode.",
    "Dear Ms Patel, thank you for your letter of the twelfth. We will reply in full next week. Kind regards, Tom.",
    "Mid-century walnut sideboard, good condition, minor scratches, collection only, offers welcome.",
    "Lovely quiet cottage, friendly hosts, spotless kitchen, great walks nearby. Would stay again.",
    "Two bed flat, top floor, south facing, new boiler, short walk to station. No chain.",
    "Ingredients: rice, saffron, peas, prawns, chorizo, stock, paprika.",
    "Monday: legs. Tuesday: rest. Wednesday: upper body, core, ten minutes stretching.",
    "The quick answer is yes, but the long answer depends on your contract, your notice period and your manager.",
    "Good morning! Coffee is on, standup in five, and the release notes are in the shared folder.",
    "Roses are red, violets are blue, the build is broken and so are you.",
]: fine("look-alike", t)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "tuning-salad.jsonl"), "w", encoding="utf-8") as f:
    for c in C:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(C), sum(1 for c in C if c["expect"]), "salads")
