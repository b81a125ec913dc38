"""Keep pack patterns linear-time: bounded repeats only, no nesting, no back-references.

Python's `re` backtracks, so a pattern such as `(a+)+` can take exponential time on a crafted ad. Pack
authors may use any regex syntax except unbounded repeats (`*`, `+`, `{n,}`), repeats above
`MAX_REPEAT`, nested repeats whose bounds multiply past `MAX_NESTED` (`(?:ab?)?` is fine, `(?:a{1,9}){1,9}`
is not), and back-references. With every repeat bounded, the work per start position is bounded by a
constant of the pattern, so a scan is linear in the text length. The matcher adds its own bounded word
gaps (`~N`) and whitespace runs.
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

MAX_REPEAT = 60
MAX_NESTED = 8
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
GAP = re.compile(r"\s*~([1-9])\s*")
_BAD_GAP = re.compile(r"~(?![1-9](?!\d))")  # "~0", "~10" (read as "~1" then a literal "0") or a bare "~"


def _walk(items, outer: int) -> str | None:
    """First problem found in a parsed pattern, or None."""
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            if high is C.MAXREPEAT or high > MAX_REPEAT:
                return f"unbounded or too large repeat (max {{0,{MAX_REPEAT}}})"
            if outer > 1 and outer * max(high, 1) > MAX_NESTED:
                return f"nested repeats allow too many paths (bounds multiply past {MAX_NESTED})"
            problem = _walk(sub, outer * max(high, 1))
        elif op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "back-references are not allowed"
        elif op is C.SUBPATTERN:
            problem = _walk(av[-1], outer)
        elif op is C.BRANCH:
            problem = next((p for b in av[1] if (p := _walk(b, outer))), None)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            problem = _walk(av[1], outer)
        else:
            problem = None
        if problem:
            return problem
    return None


def check_pattern(pattern: str) -> str | None:
    """Why `pattern` is not allowed in a pack (syntax error or backtracking risk), or None if it is."""
    if _BAD_GAP.search(pattern.replace("\\~", "")):
        return "a word gap is ~1 to ~9 (a literal tilde is \\~)"
    source = GAP.sub(" ", pattern)
    try:
        re.compile(source)
        parsed = P.parse(source)
    except re.error as e:
        return f"invalid regex: {e}"
    return _walk(parsed, 1)
