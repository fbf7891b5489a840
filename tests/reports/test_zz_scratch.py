import time, cProfile, pstats, logging
from tests.reports.helpers import full_assessment
from maturity.reports import pdf

def test_scratch(assessment):
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    full_assessment(assessment)
    pdf.render_pdf(assessment)
    t=time.perf_counter(); html = pdf.render_html(assessment); print("html s", time.perf_counter()-t)
    from weasyprint import HTML
    t=time.perf_counter(); doc = HTML(string=html).render(pdf_variant="pdf/ua-1"); print("layout s", time.perf_counter()-t)
    t=time.perf_counter(); doc.write_pdf(pdf_variant="pdf/ua-1"); print("write s", time.perf_counter()-t)
    t=time.perf_counter(); HTML(string=html).write_pdf(); print("no-ua s", time.perf_counter()-t)
    pr=cProfile.Profile(); pr.enable(); pdf.render_pdf(assessment); pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(40)
