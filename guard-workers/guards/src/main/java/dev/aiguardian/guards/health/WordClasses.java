package dev.aiguardian.guards.health;

import java.util.HashSet;
import java.util.Set;

/**
 * A compact English word-class lexicon for the word-salad check: which content words could be verbs, and
 * which are adverbs. No tagger: a closed list of common verbs and irregular forms plus verb suffixes, so a
 * noun directly before "the" can be told from a verb that takes an object ("sandwich the" vs "pass the").
 * When in doubt a word counts as a possible verb, which only ever lets salad through.
 */
final class WordClasses {
    private static final Set<String> VERBS = words("""
            be have do say go get make know think take see come want look use find give tell work call try ask need
            feel become leave put mean keep let begin seem help talk turn start show hear play run move like live
            believe hold bring happen write provide sit stand lose pay meet include continue set learn change lead
            understand watch follow stop create speak read allow add spend grow open walk win offer remember love
            consider appear buy wait serve die send expect build stay fall cut reach kill remain suggest raise pass
            sell require report decide pull return explain hope develop carry break receive agree support hit
            produce eat cover catch draw choose cause point listen place close involve increase reduce apply fill
            drop push enjoy check sign test fix install deploy restart update delete save load store fetch parse
            compile merge commit clone ship launch release publish post share print scan copy paste click type press
            select sort filter map join split replace remove insert enable disable configure reset restore back log
            track measure monitor count rate rank score plan schedule book order cancel confirm approve reject review
            edit revise lift cook bake boil fry grill roast mix stir whisk fold pour drain chop slice dice peel grate
            knead season taste heat cool chill freeze melt blend toss wash dry clean iron hang paint sketch sing dance
            swim ride drive fly sail climb jump kick throw miss beat shoot cross fight argue discuss answer reply
            respond describe define mention note notice observe view visit travel arrive depart enter exit attend
            host invite welcome thank apologise apologize promise warn advise recommend prefer pick vote elect
            appoint hire fire charge cost earn owe lend borrow invest trade rent lease own belong contain deliver
            accept refuse deny admit permit forbid ban block prevent protect defend attack guard hide reveal display
            present introduce announce declare state claim prove attempt manage handle operate control guide chase
            hunt search seek discover locate spot detect identify recognise recognize study teach train practise
            practice improve repair damage destroy ruin harm hurt injure heal cure treat assist encourage drag lower
            rise sink float dive land crash strike touch smell sound lie lay sleep wake rest relax act perform behave
            occur exist survive forget recall remind imagine suppose guess wonder doubt wish hate mind matter care
            worry fear scare surprise shock please satisfy annoy bother interest bore tire excite calm comfort clear
            empty shut lock unlock finish end complete quit proceed repeat resume pause rely depend base focus aim
            target fit suit match compare differ vary range extend expand shrink limit restrict decrease double slow
            speed hurry rush delay postpone arrange organise organize gather collect subtract multiply divide weigh
            verify ensure assume predict forecast prepare design draft form shape craft generate result affect
            influence impact consist comprise employ adopt adapt adjust tune modify alter convert transform
            translate render forward route redirect link connect attach detach separate spread cast flip roll spin
            shake wave nod smile laugh cry shout scream whisper chat ring phone text email message mail label mark
            name title tag list file number skim browse surf download upload stream record film snap capture grab
            hug kiss shake steal swing bite feed dig lend bend shine slide stick sting sweep weep kneel spring drink
            sting tear wear freeze ring bind grind fling wring shed bet bid burst hurt quit rid spit split spread
            thrust fold wrap pack unpack zip wipe rinse scrub sweep mop dust vacuum water plant sow harvest mow
            prune feed walk jog cycle row skate ski hike camp fish shop queue vote campaign lobby debate negotiate
            sue judge sentence fine tax bill invoice refund budget fund finance audit bank insure export import format
            outperform underperform exceed
            """);
    /** Past forms and participles that suffixes do not reveal. */
    private static final Set<String> IRREGULAR = words("""
            was were been did done had made said went gone got gotten took taken saw seen came knew known thought
            gave given told found felt became left meant kept began begun held brought wrote written sat stood lost
            paid met ran led understood spoke spoken grew grown fell fallen drew drawn chose chosen broke broken ate
            eaten caught bought built sent spent won rose risen sold stole stolen threw thrown flew flown drove
            driven rode ridden swam sang sung rang rung shook shaken woke woken wore worn tore torn forgot forgotten
            froze frozen hid hidden bit bitten fed fought sought taught dealt slept swept wept knelt bent lent shone
            shot slid spun stuck struck stung swung hung dug lit laid sank sunk shrank drank drunk sprang
            """);
    /** Adverbs and linking words without the -ly ending, which may stand before "the". */
    private static final Set<String> ADVERBS = words("""
            however therefore thus hence instead otherwise meanwhile today tonight tomorrow yesterday now soon later
            already often always never sometimes perhaps maybe once twice half quite rather almost enough ago anyway
            else unlike including regarding concerning following given versus vs plus minus except round past along
            throughout worth whilst till though first next last finally again ever nor whereas thereby
            """);

    private WordClasses() {
    }

    private static Set<String> words(String block) {
        Set<String> s = new HashSet<>();
        for (String w : block.trim().split("\\s+")) {
            s.add(w);
        }
        return Set.copyOf(s);
    }

    /** True when the lower-case word could be a verb form: listed, irregular, or with a verb ending. */
    static boolean possibleVerb(String w) {
        int n = w.length();
        if (VERBS.contains(w) || IRREGULAR.contains(w)) {
            return true;
        }
        if (n > 4 && (w.endsWith("ed") || w.endsWith("ing"))) {
            return true;
        }
        if (n > 5 && (w.endsWith("ize") || w.endsWith("ise") || w.endsWith("ify") || w.endsWith("ate")
                || w.endsWith("izes") || w.endsWith("ises") || w.endsWith("ifies") || w.endsWith("ates"))) {
            return true;
        }
        if (n > 3 && w.endsWith("s")) {
            String base = w.substring(0, n - 1);
            if (VERBS.contains(base)) {
                return true;
            }
            if (w.endsWith("es") && VERBS.contains(w.substring(0, n - 2))) {
                return true;
            }
            return w.endsWith("ies") && VERBS.contains(w.substring(0, n - 3) + "y");
        }
        return false;
    }

    /** True for adverbs: -ly words of five letters or more (not "only", "early", "daily") and the listed ones. */
    static boolean adverb(String w) {
        return ADVERBS.contains(w) || w.length() >= 5 && w.endsWith("ly");
    }
}
