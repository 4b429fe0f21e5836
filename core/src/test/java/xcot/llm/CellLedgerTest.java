package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CellLedgerTest {
    @Test
    void sharedCellsAreFreedByTheirLastHolder() {
        CellLedger ledger = new CellLedger(10);
        SequenceSlot a = new SequenceSlot(0);
        SequenceSlot b = new SequenceSlot(1);
        for (int t = 0; t < 6; t++) {
            a.appendCell(100 + t, ledger);
        }
        b.shareFrom(a, 4, ledger);
        b.appendCell(7, ledger);
        assertEquals(7, ledger.used());
        a.truncate(0, ledger);
        assertEquals(5, ledger.used(), "b still holds the 4 shared cells and its own");
        assertEquals(103, b.cachedToken(3));
        b.truncate(2, ledger);
        assertEquals(2, ledger.used());
        b.truncate(0, ledger);
        assertEquals(0, ledger.used());
    }

    @Test
    void aFullLedgerThrows() {
        CellLedger ledger = new CellLedger(2);
        ledger.allocate();
        ledger.allocate();
        assertThrows(IllegalStateException.class, ledger::allocate);
    }
}
