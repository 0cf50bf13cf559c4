"""Text as the steps read it: cleaning with an offset map (normalize), pieces and gaps
(tokenize, the one home of character classes), and the word lists the rules use (data files)."""
