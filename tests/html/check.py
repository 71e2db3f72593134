#!/usr/bin/env python3
"""tests/html/check.py — tlsstep's web page (--html), rendered in a real browser.

Usage: check.py TLSSTEP SOURCE-DIR WORKDIR [--screenshot PNG]

For three runs (TLS 1.2, TLS 1.3 with a HelloRetryRequest, a failure), a comparison and
a scenario whose title is markup, writes the page and the run's JSON, opens the page
in headless chromium with no network (unshare -rn) and checks the rendered DOM against
the JSON: every step present, every byte shown the one that crossed, every field's byte
range covered by runs of that field or its children, every verified secret marked;
that the page asked for nothing outside itself; that the script's highlighting and its
"one step at a time" keys work, and that with script off every step is on the page.
Exit 77 (meson's "skipped") when no chromium is installed.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402

failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


# Runs in the page: what the DOM holds, gathered for the checks below.
DOM_FACTS = r"""
(function(){
  var d=document, r={steps:[], bad:[], fields:{}, blocks:{}, verified:[], scripts:d.scripts.length,
    external:[], h1:(d.querySelector('h1')||{}).textContent,
    overflow:d.documentElement.scrollWidth-d.documentElement.clientWidth};
  d.querySelectorAll('section.step').forEach(function(s){ r.steps.push(s.id); });
  d.querySelectorAll('.hex').forEach(function(h){ r.blocks[h.id]=h.textContent.replace(/\s+/g,''); });
  d.querySelectorAll('.fb').forEach(function(b){
    var n=b.textContent.trim().split(/\s+/).length;
    if(n!=+b.dataset.l) r.bad.push(b.dataset.f+': a run of '+b.dataset.l+' bytes shows '+n);
    var f=d.getElementById(b.dataset.f);
    if(!f||!f.classList.contains('fn')) r.bad.push('byte run names no field: '+b.dataset.f);
  });
  d.querySelectorAll('.fn').forEach(function(f){
    var key=f.id.replace(/-[mr]\d+$/,'')+(/-r\d+$/.test(f.id)?'-r':'-m');
    r.fields[key]=(r.fields[key]||0)+1;
    var h=d.getElementById(f.dataset.h); if(!h){ r.bad.push(f.id+': no bytes block'); return; }
    var o=+f.dataset.o, l=+f.dataset.l; if(!l) return;
    /* Marked: its range is runs of bytes whole, none crossing its ends (a run is named by the
       innermost field; the parts of a cipher suite share its two bytes, so a run may name a sibling). */
    var cov=new Uint8Array(l);
    h.querySelectorAll('.fb').forEach(function(b){
      var bo=+b.dataset.o, bl=+b.dataset.l; if(bo>=o+l||bo+bl<=o) return;
      if(bo<o||bo+bl>o+l) { r.bad.push(f.id+' ('+f.textContent+'): the run of '+b.dataset.f+' crosses its ends'); return; }
      for(var i=bo; i<bo+bl; i++) cov[i-o]=1;
    });
    var miss=Array.prototype.indexOf.call(cov,0);
    if(miss>=0) r.bad.push(f.id+' ('+f.textContent+'): byte '+(o+miss)+' of its range is not marked');
  });
  r.checkpoints=[];
  d.querySelectorAll('details.checkpoint').forEach(function(c){
    var h=c.parentNode.querySelector('h3,h4');
    /* folded, inside its step, before the step's heading */
    r.checkpoints.push(c.parentNode.id+(c.open?' open':'')+(h&&(c.compareDocumentPosition(h)&4)?'':' after'));
  });
  d.querySelectorAll('tr.secret').forEach(function(t){
    if(t.classList.contains('verified') && t.querySelector('[data-check=yes]')) r.verified.push(t.id);
  });
  d.querySelectorAll('[src],[href],link,img,iframe,object,embed').forEach(function(e){
    var u=e.getAttribute('src')||e.getAttribute('href')||'';
    if(!/^#/.test(u)) r.external.push(e.tagName+' '+u);
  });
  return r;
})()
"""


def count_fields(fs):
    return sum(1 + count_fields(f.get("children", [])) for f in fs)


def run_tlsstep(tlsstep, args, page, js):
    cmd = [tlsstep] + args + ["--html", page] + (["--json", js] if js else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        fail("%s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
        return False
    return True


def check_page(b, name, page, js, pfx=""):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    # No address outside the page, in any attribute, whatever the DOM makes of it.
    for m in re.finditer(r'(?:src|href|action)\s*=\s*["\']?\s*(?:https?:)?//', text, re.I):
        fail("%s: the page names an address outside itself: %r" % (name, m.group(0)))
    b.load("file://" + page)
    facts = b.eval(DOM_FACTS)
    asked = [u for u in b.requests() if not u.startswith(("file:", "data:", "about:"))]
    if asked:
        fail("%s: the page asked the network for %s" % (name, asked))
    if facts["external"]:
        fail("%s: elements pointing outside the page: %s" % (name, facts["external"][:5]))
    for x in [x for x in facts["bad"] if x.startswith(pfx)][:10]:
        fail("%s: %s" % (name, x))
    if facts["overflow"] > 0:
        fail("%s: the page is %dpx wider than the window: something is not wrapped" % (name, facts["overflow"]))
    if facts["scripts"] != 1:
        fail("%s: %d script elements, expected tlsstep's one" % (name, facts["scripts"]))
    run = json.load(open(js))
    steps = run["steps"]
    want = [pfx + "s%d" % s["index"] for s in steps]
    got = [s for s in facts["steps"] if s.startswith(pfx + "s")] if pfx else facts["steps"]
    if got != want:
        fail("%s: steps on the page %s, the run has %s" % (name, got, want))
    verified_want = set()
    for s in steps:
        sid = pfx + "s%d" % s["index"]
        if facts["blocks"].get(sid + "-rx") != s["record_hex"].replace(" ", ""):
            fail("%s: step %d's record bytes on the page are not the ones that crossed" % (name, s["index"]))
        # A message in clear alone in its record is shown in the record's block, after the header.
        shown = facts["blocks"].get(sid + "-mx", facts["blocks"].get(sid + "-rx", "")[10:])
        if s.get("message_hex") and shown != s["message_hex"].replace(" ", ""):
            fail("%s: step %d's message bytes on the page are not the run's" % (name, s["index"]))
        for key, tree in (("-m", s.get("fields", [])), ("-r", s.get("record_fields", []))):
            n = count_fields(tree)
            if n and s.get("message_hex" if key == "-m" else "record_hex") and \
                    facts["fields"].get(sid + key, 0) != n:
                fail("%s: step %d shows %d of its %d %s fields" % (name, s["index"], facts["fields"].get(sid + key, 0),
                                                                  n, "message" if key == "-m" else "record"))
        for k, sec in enumerate(s.get("secrets", [])):
            if sec.get("agrees") is True:
                verified_want.add("%s-k%d" % (sid, k))
    verified_got = set(v for v in facts["verified"] if v.startswith(pfx + "s"))
    if verified_got != verified_want:
        fail("%s: verified secrets marked %s, the run verified %s" % (name, sorted(verified_got ^ verified_want)[:6],
                                                                     len(verified_want)))
    md = subprocess.run([b.tlsstep] + b.args + ["--markdown", "-"], capture_output=True, text=True).stdout \
        if getattr(b, "args", None) is not None else ""
    asks = len(re.findall(r"^> \*\*Before you look:\*\*", md, re.M))
    if pfx == "" and len(facts["checkpoints"]) != asks:
        fail("%s: %d checkpoints on the page, the handout has %d" % (name, len(facts["checkpoints"]), asks))
    for c in facts["checkpoints"]:
        if " " in c:
            fail("%s: checkpoint of %s is not folded before its step (%s)" % (name, c.split()[0], c))
    print("ok: %s: %d checkpoints, %d steps, %d verified secrets, %d bytes, %d fields checked" % (
        name, len(facts["checkpoints"]), len(want), len(verified_want), len(text), sum(facts["fields"].values())))
    return facts


def check_script(b, page, shot):
    """Highlighting and stepping, as a reader does them (the page loaded)."""
    b.load("file://" + page)
    lit = b.eval("""(function(){var f=document.getElementById('s1-m1'); f.focus();
        var n=document.querySelectorAll('.fb.hl').length, want=0;
        var o=+f.dataset.o, l=+f.dataset.l;
        document.getElementById(f.dataset.h).querySelectorAll('.fb').forEach(function(b){
          if(+b.dataset.o>=o && +b.dataset.o+(+b.dataset.l)<=o+l) want++;});
        f.blur(); var after=document.querySelectorAll('.fb.hl').length;
        var run=document.querySelector('#s2 .fb[data-f^="s2-m"]'); run.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));
        var back=document.getElementById(run.dataset.f).classList.contains('hl');
        run.dispatchEvent(new MouseEvent('mouseout',{bubbles:true}));
        return {lit:n, want:want, after:after, back:back};})()""")
    if not (lit["lit"] == lit["want"] > 0 and lit["after"] == 0):
        fail("focusing a field lights %d byte runs (expected its %d), %d stay lit after" % (
            lit["lit"], lit["want"], lit["after"]))
    if not lit["back"]:
        fail("hovering a byte run does not light its field")
    cur = "(function(){var u=document.querySelector('.unit.cur');return document.body.className+' '+(u?u.id:'')})()"
    b.eval("document.activeElement && document.activeElement.blur()")
    seen = []
    for k, code, vk in (("o", "KeyO", 79), ("n", "KeyN", 78), ("ArrowRight", "ArrowRight", 39),
                        ("b", "KeyB", 66), ("End", "End", 35), ("Home", "Home", 36)):
        b.key(k, code, vk)
        seen.append(b.eval(cur))
    want = ["one s1", "one s2", "one s3", "one s2", "one outcome", "one s1"]
    if seen != want:
        fail("one step at a time: keys o n -> b End Home gave %s, expected %s" % (seen, want))
    visible = b.eval("Array.prototype.filter.call(document.querySelectorAll('section.step'),"
                     "function(s){return s.offsetParent!==null}).length")
    if visible != 1:
        fail("one step at a time shows %d steps" % visible)
    top = b.eval("document.querySelector('.unit.cur').getBoundingClientRect().top")
    if not 0 <= top <= 120:
        fail("one step at a time: the step shown is %dpx from the top of the window, not in sight" % top)
    b.key("Escape", "Escape", 27)
    if b.eval(cur).split(" ")[0] == "one":
        fail("Escape does not leave one step at a time")
    if shot:
        # The picture the README shows: the ServerHello, its random lit in the bytes and the tree.
        b.call("Emulation.setDeviceMetricsOverride", session=True, width=1000, height=640, deviceScaleFactor=1,
               mobile=False)
        b.eval("(function(){var r=Array.prototype.find.call(document.querySelectorAll('#s2 .tree .fn'),"
               "function(x){return x.textContent==='random'}); r.focus({preventScroll:true});"
               "document.getElementById('controls').hidden=true;"
               "var s=document.querySelector('#s2 h3'); window.scrollTo(0, s.getBoundingClientRect().top+window.scrollY-8);})()")
        b.screenshot(shot)
        print("ok: screenshot %s (%d bytes)" % (shot, os.path.getsize(shot)))
    print("ok: highlighting and the one-step keys")


def check_script_off(b, page):
    b.call("Emulation.setScriptExecutionDisabled", session=True, value=True)
    b.load("file://" + page)
    n = b.eval("document.querySelectorAll('section.step').length")
    shown = b.eval("Array.prototype.filter.call(document.querySelectorAll('section.step'),"
                   "function(s){return s.offsetParent!==null}).length")
    hidden_controls = b.eval("document.getElementById('controls').hidden")
    b.call("Emulation.setScriptExecutionDisabled", session=True, value=False)
    if not (n and shown == n and hidden_controls):
        fail("script off: %d of %d steps shown, controls hidden: %s" % (shown, n, hidden_controls))
    else:
        print("ok: with script off all %d steps are on the page" % n)


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    tlsstep, source, work = (os.path.abspath(a) for a in sys.argv[1:4])
    shot = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--screenshot" else None
    chromium = browser.find_chromium()
    if not chromium:
        print("SKIP: no chromium on this machine (tools/setup installs Debian's chromium)")
        return 77
    os.makedirs(work, exist_ok=True)
    b = browser.Browser(chromium)
    print("ok: chromium %s" % ("with no network (unshare -rn)" if b.offline
                               else "WITH network: unshare -rn is not allowed here; requests are checked"))
    try:
        runs = [("tls12", ["tls12-ecdhe-rsa"]), ("tls13-hrr", ["tls13-hrr"]),
                ("failure", ["fail-tampered-finished"]), ("lesson", ["01-four-phases"])]
        for name, args in runs:
            page, js = os.path.join(work, name + ".html"), os.path.join(work, name + ".json")
            if run_tlsstep(tlsstep, args, page, js):
                b.tlsstep, b.args = tlsstep, args
                check_page(b, name, page, js)
                b.args = None
        # Markup in a scenario's title is text on the page, never markup.
        src = open(os.path.join(source, "lessons", "scenarios", "tls13.scenario")).read()
        hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> & \"both\" 'quotes' </title>"
        scen = os.path.join(work, "hostile.scenario")
        with open(scen, "w") as f:
            f.write(re.sub(r"(?m)^title = .*$", "title = " + hostile, src))
        page, js = os.path.join(work, "hostile.html"), os.path.join(work, "hostile.json")
        if run_tlsstep(tlsstep, [scen], page, js):
            facts = check_page(b, "hostile title", page, js)
            if facts["h1"] != hostile:
                fail("a title of markup reads %r on the page, expected %r" % (facts["h1"], hostile))
        page = os.path.join(work, "compare.html")
        a_js, b_js = os.path.join(work, "cmp-a.json"), os.path.join(work, "cmp-b.json")
        if run_tlsstep(tlsstep, ["--compare", "tls12-ecdhe-rsa", "tls13"], page, None) and \
                run_tlsstep(tlsstep, ["tls12-ecdhe-rsa"], os.path.join(work, "cmp-a.html"), a_js) and \
                run_tlsstep(tlsstep, ["tls13"], os.path.join(work, "cmp-b.html"), b_js):
            check_page(b, "compare (A)", page, a_js, "a-")
            check_page(b, "compare (B)", page, b_js, "b-")
            # The two columns pair the rows: row 2 (the ServerHello) is A's step 2 beside B's step 2.
            pair = b.eval("Array.prototype.map.call(document.querySelectorAll('#pair2 section.step'),"
                          "function(x){return x.id})")
            b.eval("document.activeElement && document.activeElement.blur()")
            b.key("o", "KeyO", 79)
            b.key("n", "KeyN", 78)
            cur = b.eval("Array.prototype.map.call(document.querySelectorAll('section.step.cur'),function(x){return x.id})")
            if pair != ["a-s2", "b-s2"] or cur != pair:
                fail("compare: row 2 holds %s, one step at a time shows %s; expected a-s2 beside b-s2" % (pair, cur))
            else:
                print("ok: compare: a row's steps side by side, stepped together")
        # A phone held upright: nothing may widen the page past the window.
        b.call("Emulation.setDeviceMetricsOverride", session=True, width=400, height=700, deviceScaleFactor=1,
               mobile=False)
        for name in ("tls12", "compare"):
            b.load("file://" + os.path.join(work, name + ".html"))
            wider = b.eval("document.documentElement.scrollWidth-document.documentElement.clientWidth")
            if wider > 0:
                fail("%s at 400px: the page is %dpx wider than the window" % (name, wider))
            else:
                print("ok: %s at 400px: nothing wider than the window" % name)
        b.call("Emulation.clearDeviceMetricsOverride", session=True)
        check_script(b, os.path.join(work, "tls12.html"), shot)
        check_script_off(b, os.path.join(work, "tls12.html"))
    finally:
        b.close()
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
