"""The SQL of the study queue (:mod:`.study_queue`, :mod:`.queue_pick`, :mod:`.note_share`).

Named parameters come from :attr:`~flashcards.core.study_queue.QueueTimes.sql` (times in ms
UTC, ``today`` an ISO learner day). The conditions match the partial indexes ``cards_new`` and
``cards_due`` (see migrations.py), so counting reads only the index.
"""

# Conditions shared by counting and picking.
ACTIVE = "c.retired = 0 AND c.suspended = 0 AND (c.buried_day IS NULL OR c.buried_day < :today)"
SIBLING_FREE = ("NOT EXISTS (SELECT 1 FROM cards c2 JOIN revlog r ON r.card_id = c2.id "
                "WHERE c2.note_id = c.note_id AND r.time >= :day_start)")
IS_NEW = "c.state = 0"
IS_REVIEW_DUE = "c.state = 2 AND c.due < :day_end"
IS_LEARNING_AHEAD = "c.state IN (1, 3) AND c.due <= :ahead"

# Per deck, each count is an index range (no GROUP BY sort). Sibling-hidden cards are found
# from today's review log and subtracted.
DECK_COUNTS = (f"SELECT d.id, (SELECT count(*) FROM cards c WHERE c.deck_id = d.id AND {IS_NEW} AND {ACTIVE}), "
               f"(SELECT count(*) FROM cards c WHERE c.deck_id = d.id AND {IS_REVIEW_DUE} AND {ACTIVE}) "
               "FROM decks d")
# Per deck, the learning cards due within the learn-ahead window: how many, and the first of
# them by (due, id). Each is an index range; one read serves the learning counts and picking.
_FIRST_DUE = ("(SELECT min(c.due) FROM cards c WHERE c.deck_id = d.id AND c.state = {state} AND c.due <= :ahead "
              f"AND {ACTIVE})")     # one state at a time: SQLite then reads min() off the index
LEARNING = ("WITH x AS MATERIALIZED (SELECT d.id AS id, "
            f"(SELECT count(*) FROM cards c WHERE c.deck_id = d.id AND {IS_LEARNING_AHEAD} AND {ACTIVE}) AS n, "
            f"{_FIRST_DUE.format(state=1)} AS d1, {_FIRST_DUE.format(state=3)} AS d3 FROM decks d), "
            "y AS MATERIALIZED (SELECT id, n, min(coalesce(d1, d3), coalesce(d3, d1)) AS due FROM x WHERE n > 0) "
            "SELECT id, n, due, (SELECT min(c.id) FROM cards c WHERE c.deck_id = y.id AND c.state IN (1, 3) "
            f"AND c.due = y.due AND {ACTIVE}) FROM y")
# Every active learning card (few: learning is short), for QueueCache.learning.
ALL_LEARNING = f"SELECT c.deck_id, c.due, c.id FROM cards c WHERE c.state IN (1, 3) AND c.due IS NOT NULL AND {ACTIVE}"
HIDDEN_COUNTS = (f"SELECT c.deck_id, sum({IS_NEW}), sum({IS_REVIEW_DUE}) FROM cards c WHERE c.note_id IN "
                 "(SELECT c2.note_id FROM revlog r JOIN cards c2 ON c2.id = r.card_id WHERE r.time >= :day_start) "
                 f"AND {ACTIVE} GROUP BY c.deck_id")
DONE_COUNTS = ("SELECT c.deck_id, sum(r.state_before = 0), sum(r.state_before = 2), count(*) FROM revlog r "
               "JOIN cards c ON c.id = r.card_id WHERE r.time >= :day_start GROUP BY c.deck_id")
# The cards answered today (sibling burying: their notes are hidden until tomorrow).
ANSWERED_TODAY = "SELECT DISTINCT card_id FROM revlog WHERE time >= :day_start"
