"""Inter-annotator agreement: Krippendorff's alpha, kappas, Gwet's AC1/AC2, bootstrap intervals,
quote-boundary agreement and the per-field report behind ``annotator agreement``.

Every coefficient takes reliability data in the usual layout (annotator rows, one value per unit,
``None`` where missing; or a float array with NaN) and returns NaN when it is undefined.
"""

from annotator.agreement.bootstrap import AlphaInterval, bootstrap_alpha
from annotator.agreement.kappa import (
    cohen_kappa,
    cohen_kappa_from_table,
    confusion_matrix,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac1_from_table,
    percent_agreement,
    scott_pi,
    scott_pi_from_table,
)
from annotator.agreement.krippendorff import krippendorff_alpha, per_label_agreement
from annotator.agreement.reliability import CodedData, encode

__all__ = [
    "AlphaInterval",
    "CodedData",
    "bootstrap_alpha",
    "cohen_kappa",
    "cohen_kappa_from_table",
    "confusion_matrix",
    "encode",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac1_from_table",
    "krippendorff_alpha",
    "per_label_agreement",
    "percent_agreement",
    "scott_pi",
    "scott_pi_from_table",
]
