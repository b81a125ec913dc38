"""Language detection on each supported language (ads as a jobseeker would paste them)."""
import pytest

from redflags.indicators.language import SUPPORTED, detect

SAMPLES = {
    "en": "Warehouse pickers wanted in Rotterdam, night shift, contract before travel.",
    "es": "Se buscan camareras para un hotel en Madrid, contrato indefinido y alojamiento.",
    "fr": "Nous recherchons des serveurs pour un restaurant à Lyon, contrat à durée indéterminée.",
    "pt": "Procuramos empregadas de limpeza para um hotel em Lisboa, contrato sem termo.",
    "ro": "Căutăm lucrători pentru o fabrică din Germania, contract de muncă și cazare.",
    "ru": "Требуются рабочие на склад в Подмосковье, официальное оформление и жильё.",
    "uk": "Потрібні працівники на склад у Польщі, офіційне працевлаштування та житло.",
    "id": "Dibutuhkan pekerja gudang di Surabaya, gaji sesuai UMR dan ada asrama.",
    "tl": "Kailangan ng mga manggagawa sa bodega sa Maynila, may sahod at tirahan.",
    "th": "รับสมัครพนักงานคลังสินค้า กรุงเทพฯ มีที่พักและประกันสังคม",
}


@pytest.mark.parametrize("lang", SUPPORTED)
def test_detects_each_supported_language(lang):
    assert detect(SAMPLES[lang]) == lang


def test_no_letters_is_none_and_numbers_or_urls_do_not_decide():
    assert detect("+971 55 123 4567 / 2026") is None
    assert detect("https://t.me/x Требуются рабочие на склад, жильё предоставляется") == "ru"
