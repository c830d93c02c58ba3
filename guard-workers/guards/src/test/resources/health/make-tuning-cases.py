# Generates tuning-cases.jsonl next to this file: in-sample cases written while improving the word-salad,
# wrapped-JSON and complete-ending rules (the held-out set under heldout/ is never tuned on).
# python3 make-tuning-cases.py
import json, os
C = []
def add(expect, text, **opts):
    C.append({"expect": expect, "options": opts, "text": text})
# ---- word salad
for t in [
    "Pencil the of harbour gently seventeen. Cabinet whom ocean the is marble bright.",
    "Orange elephant the and because running. Telephone of with from the upon spoon.",
    "Saddle trumpet quietly raincoat fourteen orbit beneath lettuce. Clever harbour gravel rotate the wisdom.",
    "Sure, here it is: avocado freeway the is of silently carpet nineteen button.",
    "The the of a in seven towel amber. Was is were velvet gently.",
    "Yesterday blanket surgeon politely thermos asphalt harmonica. Lemon walrus dignity shovel quietly.",
    "Monday pistachio the an of fragile telescope; however hammock the with tulip fossil.",
    "Lantern spaghetti eagerly noble chimney, anchor pebble ribbon obediently cactus sparrow.",
    "Of with the kettle is under and ladder banana by the the whistle.",
    "Giraffe invoice thunderstorm carefully paragraph tractor velvet. Meadow pigeon umbrella calmly saxophone bakery.",
    "Regarding your request: meadow the of pumpkin elbow tangerine gently railway seventy.",
    "Into onto the kettle apricot is harmonica was the are.",
    "Bucket orchard sprinkle the with cobalt of at quilt narrowly pilgrim.",
    "Eleven magnet glacier politely apron wander. Tulip fortress velvet customs harbour lazily.",
]: add(["gibberish"], t)
# ---- look-alikes that are language
for t in [
    "Server rebooted. Logs rotated. Disk at 71 percent, fine for now.",
    "Breaking: heavy snow closes mountain passes across the northern region",
    "Keywords: solar, battery storage, grid, inverter, net metering",
    "Slow down, breathe, and read the error message twice.",
    "Quiet harbour,\nboats asleep on their ropes,\ngulls arguing about bread.",
    "Spinach, garlic, olive oil, lemon zest. Toss, season, serve.",
    "Dinner at eight? Bring wine if you can.",
    "Release notes: faster startup, smaller images, fewer dependencies, better logs.",
    "Engine warning light on, tyre pressure low, fuel half full.",
    "Patience, practice, and a good teacher matter more than talent.",
    "Kubernetes horizontal pod autoscaler memory target tuning guide",
    "Open the lid, pour the water in, wait for the click, and enjoy the tea.",
    "Cheap flights to Porto in March from most major European airports",
    "Green tea, no sugar, thanks.",
]: add([], t)
# ---- JSON wrapped in prose (extracted, validated, reported as wrapped)
J = {"expected_format": "json"}
add(["wrapped_json"], 'Here is your object:\n```json\n{"color": "teal", "hex": "#008080"}\n```\nLet me know if you need RGB too.', **J)
add(["wrapped_json"], 'Sure: {"moon": "Europa", "planet": "Jupiter"} is the entry you wanted.', **J)
add(["wrapped_json"], '[{"k": "a"}, {"k": "b"}]\nBoth keys are lowercase, as requested.', **J)
add(["wrapped_json"], 'The classification result follows.\n\n```\n{"label": "spam", "p": 0.97}\n```', **J)
add(["wrapped_json"], 'I found two matches, listed here: ["alpha", "beta"]. No other items matched.', **J)
add(["wrapped_json"], 'Certainly — the record is ```json {"id": "A-1", "qty": 4} ``` and it is ready to import.', **J)
add(["wrapped_json", "schema_mismatch"], 'Here is the person: {"name": 12}. The name field was numeric in the source.',
    expected_format="json", json_schema={"type": "object", "properties": {"name": {"type": "string"}}})
add(["wrapped_json"], 'Formatted as JSON:\n\n{"steps": ["wash", "dry", "fold"]}\n\nThat is the whole routine.', **J)
# ---- broken JSON, wrapped or bare
add(["invalid_json"], 'Here it is: {"size": 3, "unit": cm}', **J)
add(["invalid_json"], 'Sure! ```json\n{"a": [1, 2,]}\n```\nHope it helps.', **J)
add(["invalid_json"], 'Record A is {"id": 1} and record B is {"id": 2}.', **J)
add(["invalid_json", "truncated"], 'Here you go: ```json\n{"list": [1, 2, 3', **J)
add(["invalid_json"], 'I could not produce the data you asked for.', **J)
add(["invalid_json"], '{"ok": true}]', **J)
add(["invalid_json"], "Output: {'single': 'quotes'}", **J)
add([], '```json\n[1, 2, 3]\n```', **J)
add([], '{"note": "see [1] and {braces}"}', **J)
# ---- complete answers without a final full stop
for t in [
    "The installer also needs a recent runtime. Download it from the vendor's site at https://runtime.example.net/get",
    "The key is stored under your profile directory, in a file called ~/.ssh/id_ed25519",
    "All services came back after the restart, and the last one reported healthy at 14:05",
    "Your booking is confirmed and the receipt has been emailed to you. Reference: QX7-2219",
    "I reread the whole thread and there is only one explanation that fits: a race condition",
    "Here is the verse you asked for, in the style you described.\n\nThe lamps go out along the quay\nthe nets hang heavy by the sea\nand morning waits for you and me",
    "The regular expression for that, anchored at both ends, would be ^[a-z0-9_]{3,16}$",
    "Add the dependency to your build file, then refresh the project: implementation 'com.example:lib:2.4.0'",
    "Running the check on my machine gives the expected answer every time: 1024",
    "So the short version is that the cache was stale and a restart fixed it \U0001F642",
    "The key figures for the quarter are below.\n\n| Metric | Value |\n|---|---|\n| Revenue | 1.2 M |\n| Churn | 3 % |",
    "Do you want me to also update the tests, or only the production code?",
]: add([], t)
# ---- genuinely cut off
for t in [
    "The easiest fix is to move the configuration into environment variables, so that the same image can run in staging and in production without a rebuild and without",
    "The new scheduler assigns each job to the node with the most free memory, which keeps the cluster balanced but can starve small jobs when a large one is wait",
    "Before you upgrade, read the release notes carefully, back up your data, and test the upgrade on a staging copy of the datab",
    "Our hiking route starts at the old mill, follows the river for about six kilometres, and then climbs steeply through the pine forest towards the",
    "The museum is open every day except Monday, and guided tours in English start at eleven and at three from the main",
]: add(["truncated"], t)
out = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tuning-cases.jsonl"), "w")
for c in C:
    out.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(C), sum(1 for c in C if c["expect"]))
