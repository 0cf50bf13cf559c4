"""skillterms: canonical tech terms from job-listing text, and their counts over a corpus.

>>> import skillterms
>>> [m.term for m in skillterms.extract("Python, R and SQL; k8s a plus")]
['Python', 'R', 'SQL', 'Kubernetes']
"""

from ._version import __version__
from .counting import TermCounts
from .discover import Discovery, discover
from .errors import CorpusError, SkilltermsError, UnknownTermError, VocabularyError
from .extract import Extractor, count, extract
from .types import Mention
from .vocabulary.model import Term, Vocabulary
from .vocabulary.builtin import default_vocabulary
from .vocabulary.load import load_vocabulary

__all__ = [
    "extract",
    "count",
    "discover",
    "Discovery",
    "Extractor",
    "Mention",
    "TermCounts",
    "Term",
    "Vocabulary",
    "default_vocabulary",
    "load_vocabulary",
    "SkilltermsError",
    "VocabularyError",
    "UnknownTermError",
    "CorpusError",
]
