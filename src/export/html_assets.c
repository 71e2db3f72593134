/*
 * export/html_assets.c — see html_assets.h.
 *
 * Colours: the Okabe-Ito palette (blue, orange, bluish green, vermillion, yellow),
 * told apart by readers with any common colour-vision deficiency; every state a
 * colour shows is also said in words or a sign (a tick, a cross), so colour is never
 * the only carrier. The script only adds: without it every part is on the page.
 */
#include "export/html_assets.h"

const char html_css[] =
	":root{--blue:#0072b2;--orange:#e69f00;--green:#009e73;--red:#d55e00;--yellow:#f0e442;"
	"--tint0:#dcebf6;--tint1:#fbe8c8;--ink:#1a1a1a;--dim:#555}\n"
	"body{font:16px/1.45 system-ui,sans-serif;color:var(--ink);margin:0 auto;max-width:72rem;padding:0 1rem 4rem;"
	"overflow-wrap:anywhere}\n" /* a phone: a long word or header wraps rather than widening the page */
	"h1{margin-bottom:.2rem}h2{border-bottom:2px solid var(--blue);margin-top:2.5rem}\n"
	"code,.hex{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}\n"
	".made{color:var(--dim)}\n"
	"table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.2rem .45rem;"
	"vertical-align:top;text-align:left}td{overflow-wrap:anywhere}\n"
	".ladder td.msg{text-align:center}.ladder td.c,.ladder td.s{width:6rem;color:var(--dim)}\n"
	".ladder .toS{border-bottom:3px solid var(--blue)}.ladder .toC{border-bottom:3px dashed var(--orange)}\n"
	".ladder tbody th{background:#eee}\n"
	".step{border-left:4px solid var(--blue);padding-left:.8rem;margin:1.6rem 0}.unit{scroll-margin-top:3rem}\n"
	".step.from-server{border-left:4px dashed var(--orange)}\n"
	".fault{border:2px solid var(--red);padding:.3rem .5rem}\n"
	".hex{white-space:normal;max-width:49ch;word-spacing:0;line-height:1.7;background:#fafafa;"
	"border:1px solid #ccc;padding:.4rem;overflow-wrap:normal}\n"
	".fb{border-bottom:2px solid var(--blue);background:var(--tint0)}"
	".fb.k1{border-bottom:2px dotted var(--orange);background:var(--tint1)}\n"
	".fb:hover,.fb.hl,.fn.hl,.fn:hover,.fn:focus{background:var(--yellow);outline:2px solid var(--ink)}\n"
	"mark.fault{background:none;color:var(--red);font-weight:bold;text-decoration:underline wavy}\n"
	".tree,.tree ul{list-style:none;padding-left:1.1rem;margin:0}.tree{padding-left:0}\n"
	".fn{font-weight:600;cursor:default}.at{color:var(--dim)}.ex{color:var(--dim);display:block;"
	"margin-left:1rem;font-size:.9em}\n"
	".v{overflow-wrap:anywhere}\n"
	"table.secrets{table-layout:fixed;width:100%}.secrets th:nth-child(1){width:16%}.secrets th:nth-child(2){width:11%}"
	".secrets th:nth-child(3){width:30%}.secrets th:nth-child(5){width:15%}\n"
	".secrets code,.secrets td{overflow-wrap:anywhere}.recipe pre{white-space:pre-wrap;margin:.3rem 0}.secrets code.val{font-size:.8em}.formula{white-space:pre-wrap}\n"
	/* Wide screens: the bytes stay in sight beside the tree they are read with. */
	"@media (min-width:62rem){.pair{display:grid;grid-template-columns:auto minmax(0,1fr);gap:1.2rem;align-items:start}"
	".pair>.hex{position:sticky;top:2.8rem}.cols .pair{display:block}.cols .pair>.hex{position:static}}\n"
	".ok{color:#00664a;font-weight:bold}.bad{color:var(--red);font-weight:bold}.unch{color:var(--dim)}\n"
	"details.checkpoint{border:2px solid var(--orange);padding:.3rem .6rem;margin:.6rem 0}\n"
	"summary{cursor:pointer}\n"
	".controls{position:sticky;top:0;background:#fff;padding:.3rem 0;border-bottom:1px solid #ccc;z-index:1}\n"
	".controls button{font:inherit}\n"
	".pair{margin:.4rem 0}.one .unit{display:none}.one .unit.cur{display:block}.one .phase.off{display:none}\n"
	".cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}.cols>section{min-width:0}\n"
	".pair-row{border-top:1px solid #ccc}.phasename{font-weight:bold;color:var(--dim);margin:1rem 0 0}"
	".missing{color:var(--dim);border-left:4px dotted #999;padding-left:.8rem;margin:1.6rem 0}\n"
	"@media (max-width:60rem){.cols{grid-template-columns:1fr}}\n"
	"@media print{.controls{display:none}.pair>.hex{position:static}.one .unit,.one .phase.off{display:block}"
	".step{break-inside:avoid-page}a{color:inherit;text-decoration:none}body{max-width:none}"
	".cols{grid-template-columns:1fr}}\n";

/* Hover or focus a field: its bytes light up, and the other way round (a byte run
 * names its field in data-f; a field names its bytes' block in data-h and their range
 * in data-o, data-l). "One step at a time": the terminal's keys, n / space / right
 * on, b / p / left back, Home and End, Escape shows everything again. */
const char html_js[] =
	"(function(){'use strict';var d=document;\n"
	"function runs(f){var h=d.getElementById(f.dataset.h);if(!h)return[];var o=+f.dataset.o,l=+f.dataset.l,r=[];\n"
	"h.querySelectorAll('.fb').forEach(function(b){var bo=+b.dataset.o;if(bo>=o&&bo+(+b.dataset.l)<=o+l)r.push(b);});"
	"return r;}\n"
	"function light(t,on){if(!t||!t.classList)return;if(t.classList.contains('fn')){runs(t).forEach(function(b){"
	"b.classList.toggle('hl',on);});}else if(t.classList.contains('fb')){t.classList.toggle('hl',on);"
	"var f=d.getElementById(t.dataset.f);if(f)f.classList.toggle('hl',on);}}\n"
	"['mouseover','focusin'].forEach(function(e){d.addEventListener(e,function(ev){light(ev.target,true);});});\n"
	"['mouseout','focusout'].forEach(function(e){d.addEventListener(e,function(ev){light(ev.target,false);});});\n"
	"var units=[],keys=[],cur=0,bar=d.getElementById('controls'),btn=d.getElementById('onestep'),"
	"where=d.getElementById('where');\n"
	"d.querySelectorAll('.unit').forEach(function(u){var k=u.dataset.unit;if(keys.indexOf(k)<0)keys.push(k);});\n"
	"function show(){d.querySelectorAll('.unit').forEach(function(u){u.classList.toggle('cur',"
	"u.dataset.unit===keys[cur]);});d.querySelectorAll('.phase').forEach(function(p){"
	"p.classList.toggle('off',!p.querySelector('.unit.cur'));});"
	"where.textContent=(cur+1)+' of '+keys.length;var u=d.querySelector('.unit.cur');if(u&&u.id){"
	"history.replaceState(null,'','#'+u.id);u.scrollIntoView({block:'start'});}}\n"
	"function on(v){d.body.classList.toggle('one',v);btn.setAttribute('aria-pressed',v?'true':'false');"
	"where.textContent='';if(v){var h=location.hash.slice(1),u=h&&d.getElementById(h);"
	"if(u&&u.dataset.unit)cur=Math.max(0,keys.indexOf(u.dataset.unit));show();}}\n"
	"if(bar&&keys.length){bar.hidden=false;btn.addEventListener('click',function(){"
	"on(!d.body.classList.contains('one'));});\n"
	"d.addEventListener('keydown',function(ev){if(ev.altKey||ev.ctrlKey||ev.metaKey)return;"
	"var t=ev.target.tagName,k=ev.key;if(t==='INPUT'||t==='TEXTAREA')return;"
	"if(!d.body.classList.contains('one')){if(k==='o'){on(true);ev.preventDefault();}return;}\n"
	"if(t==='SUMMARY'&&(k===' '||k==='Enter'))return;var c=cur;\n"
	"if(k==='n'||k===' '||k==='ArrowRight')c=Math.min(keys.length-1,cur+1);"
	"else if(k==='b'||k==='p'||k==='ArrowLeft')c=Math.max(0,cur-1);else if(k==='Home')c=0;"
	"else if(k==='End')c=keys.length-1;else if(k==='Escape'||k==='o'){on(false);ev.preventDefault();return;}"
	"else return;ev.preventDefault();cur=c;show();});}\n"
	"window.addEventListener('beforeprint',function(){d.querySelectorAll('details').forEach(function(x){"
	"x.open=true;});});\n"
	"})();\n";
