"""skillterms: canonical tech terms from job-listing text, and their counts over a corpus.

>>> import skillterms
>>> [m.term for m in skillterms.extract("Python, R and SQL; k8s a plus")]
['Python', 'R', 'SQL', 'Kubernetes']
"""

from .counting import TermCounts
from .errors import CorpusError, SkilltermsError, UnknownTermError, VocabularyError
from .extract import Extractor, Mention, count, extract
from .vocab import Term, Vocabulary, default_vocabulary, load_vocabulary

__all__ = [
    "extract",
    "count",
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

__version__ = "0.1.0"
