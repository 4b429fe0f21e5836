package xcot.tasks.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CotStyleTest {
    private static final ToyProblem SIX_ONE_NINE = new ToyProblem(6, 1, 9);

    @Test
    void rendersTheStudysExamples() {
        // The three targets of docs/toy-zoo.md, character for character.
        assertEquals("<think> 6+1=7 7+9=16 </think> 16", CotStyle.PLAIN.completion(SIX_ONE_NINE));
        assertEquals("<think> 1+6=7 9+7=16 </think> 16", CotStyle.SWAP.completion(SIX_ONE_NINE));
        assertEquals("<think> 6 plus 1 is 7 , 7 plus 9 is 16 </think> 16", CotStyle.WORDS.completion(SIX_ONE_NINE));
        assertEquals("6+1+9=", SIX_ONE_NINE.prompt());
    }

    @Test
    void rendersWrongChainsWithTheSameCode() {
        assertEquals("6+1=10 10+9=19", CotStyle.PLAIN.chain(SIX_ONE_NINE, 10, 19));
        assertEquals("1+6=10 9+10=19", CotStyle.SWAP.chain(SIX_ONE_NINE, 10, 19));
        assertEquals("6 plus 1 is 10 , 10 plus 9 is 19", CotStyle.WORDS.chain(SIX_ONE_NINE, 10, 19));
        assertEquals("6 plus 1 is 10 , ", CotStyle.WORDS.openPrefix(SIX_ONE_NINE, 10));
        assertEquals("1+6=10 ", CotStyle.SWAP.openPrefix(SIX_ONE_NINE, 10));
    }

    @Test
    void recognisesOnlyItsOwnShape() {
        assertTrue(CotStyle.PLAIN.isChain("6+1=7 7+9=16"));
        assertTrue(CotStyle.SWAP.isChain("6+1=7 7+9=16"), "plain and swap share a shape; only the order differs");
        assertFalse(CotStyle.WORDS.isChain("6+1=7 7+9=16"));
        assertFalse(CotStyle.PLAIN.isChain("6+1=7  7+9=16"));
        assertFalse(CotStyle.PLAIN.isChain("6+1=7 7+9=16 "));
        assertFalse(CotStyle.PLAIN.isChain("6+1=7"));
        assertEquals(Optional.of(16), CotStyle.WORDS.conclusion("6 plus 1 is 7 , 7 plus 9 is 16"));
        assertEquals(Optional.empty(), CotStyle.WORDS.conclusion("6 plus 1 is 7, 7 plus 9 is 16"));
    }

    @Test
    void tellsTheNotationOfAChainWhateverValuesItClaims() {
        ToyProblem p = new ToyProblem(6, 1, 9);
        for (CotStyle style : CotStyle.values()) {
            assertEquals(Optional.of(style), CotStyle.notationOf(p, style.cot(p)), style.id());
            assertEquals(Optional.of(style), CotStyle.notationOf(p, style.chain(p, 10, 19)), style.id());
        }
        // A weak model's chain may carry another value than its first result: the notation still shows.
        assertEquals(Optional.of(CotStyle.PLAIN), CotStyle.notationOf(p, "6+1=8 7+9=16"));
        assertEquals(Optional.of(CotStyle.SWAP), CotStyle.notationOf(p, "1+6=8 9+7=16"));
        assertEquals(Optional.empty(), CotStyle.notationOf(p, "5+2=7 7+9=16"), "not this problem's operands");
        assertEquals(Optional.empty(), CotStyle.notationOf(p, "6+1=7"));
        assertEquals(Optional.empty(), CotStyle.notationOf(p, ""));
        // a == b and c equal to the first sum: plain and swap write the same text.
        ToyProblem same = new ToyProblem(1, 1, 2);
        assertEquals(CotStyle.PLAIN.cot(same), CotStyle.SWAP.cot(same));
        assertEquals(Optional.of(CotStyle.PLAIN), CotStyle.notationOf(same, CotStyle.SWAP.cot(same)));
    }

    @Property
    void everyChainOfEveryProblemHasItsOwnNotation(@ForAll @IntRange(min = 0, max = 999) int n,
            @ForAll @IntRange(min = 0, max = 18) int first, @ForAll @IntRange(min = 0, max = 27) int last) {
        ToyProblem p = ToyProblem.ofNumber(n);
        for (CotStyle style : CotStyle.values()) {
            String chain = style.chain(p, first, last);
            CotStyle found = CotStyle.notationOf(p, chain).orElseThrow();
            assertEquals(chain, found.chain(p, first, last), "a style that writes the same text: " + found);
        }
    }

    @Test
    void parsesIds() {
        for (CotStyle s : CotStyle.values()) {
            assertEquals(s, CotStyle.parse(s.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> CotStyle.parse("PLAIN"));
    }

    @Property
    void everyCorrectChainConcludesWithTheAnswer(@ForAll @IntRange(min = 0, max = 999) int n) {
        ToyProblem p = ToyProblem.ofNumber(n);
        for (CotStyle s : CotStyle.values()) {
            assertTrue(s.isChain(s.cot(p)));
            assertEquals(Optional.of(p.answer()), s.conclusion(s.cot(p)));
        }
    }
}
