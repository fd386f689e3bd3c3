// report.html's own script: draws the charts from the JSON block with the
// inlined ECharts (SVG renderer) and makes the tables sortable. Every text
// that came from the inputs goes into the page as text (tooltips escape it).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('govtext-data').textContent);
  var FONT = '"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif';
  var esc = echarts.format.encodeHTML;
  var charts = [];

  function draw(id, option) {
    var el = document.querySelector('[data-chart="' + id + '"]');
    if (!el) return;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    option.animation = false;
    option.textStyle = { fontFamily: FONT };
    chart.setOption(option);
    charts.push(chart);
  }

  function percent(v) { return (Math.round(v * 1000) / 10).toFixed(1) + '%'; }

  if (data.phrases && data.phrases.length) {
    var ph = data.phrases.slice().reverse();
    draw('phrases', {
      grid: { left: 10, right: 30, top: 10, bottom: 40, containLabel: true },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name) + ': ' + p.value + ' reports'; } },
      xAxis: { type: 'value', name: 'reports using the phrase', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
      yAxis: { type: 'category', data: ph.map(function (d) { return d.phrase; }) },
      series: [{ type: 'bar', data: ph.map(function (d) { return d.reports; }), itemStyle: { color: '#3b6ea5' } }]
    });
  }

  if (data.adoption) {
    var ad = data.adoption;
    draw('adoption', {
      grid: { left: 10, right: 30, top: 60, bottom: 40, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', formatter: function (ps) { return ps[0].axisValue + '<br>' + ps.map(function (p) { return esc(p.seriesName) + ': ' + p.value + ' region(s)'; }).join('<br>'); } },
      xAxis: { type: 'category', data: ad.years, name: 'year', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: 'regions using it', minInterval: 1 },
      series: ad.series.map(function (s) { return { type: 'line', step: 'end', name: s.phrase, data: s.regions, symbol: 'none' }; })
    });
  }

  if (data.clusters) {
    var labels = data.clusters.labels;
    draw('clusters', {
      grid: { left: 40, right: 20, top: 60, bottom: 40 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.value[3]) + '<br>' + esc(p.value[4]) + '<br>cluster ' + p.value[2] + ': ' + esc(labels[p.value[2] - 1] || ''); } },
      xAxis: { type: 'value', name: 'PC1', scale: true },
      yAxis: { type: 'value', name: 'PC2', scale: true },
      series: labels.map(function (label, c) {
        return {
          type: 'scatter', name: (c + 1) + ' ' + label, symbolSize: 11,
          data: data.clusters.points.filter(function (p) { return p[2] === c + 1; })
        };
      })
    });
  }

  if (data.themes && data.themes.shares.length) {
    var th = data.themes;
    // Every theme's label stays in view: a wrapping legend, three themes a line, above the bars.
    draw('themes', {
      grid: { left: 10, right: 20, top: 16 + 24 * Math.ceil(th.labels.length / 3), bottom: 30, containLabel: true },
      legend: { top: 0, left: 10, right: 10 },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name) + '<br>' + esc(p.seriesName) + ': ' + percent(p.value); } },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; } } },
      yAxis: { type: 'category', inverse: true, data: th.shares.map(function (s) { return s.name; }) },
      series: th.labels.map(function (label, t) {
        return { type: 'bar', stack: 'share', name: (t + 1) + ' ' + label, data: th.shares.map(function (s) { return s.shares[t]; }) };
      })
    });
  }

  if (data.attention && data.attention.rows.length) {
    var at = data.attention;
    var cells = [];
    var max = 0;
    at.rows.forEach(function (r, y) {
      r.values.forEach(function (v, x) {
        if (v !== null) { cells.push([x, y, Math.round(v * 10) / 10]); if (v > max) max = v; }
      });
    });
    draw('attention', {
      grid: { left: 10, right: 20, top: 10, bottom: 60, containLabel: true },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(at.rows[p.value[1]].name) + '<br>' + esc(at.categories[p.value[0]]) + ': ' + p.value[2] + ' per 10,000 tokens'; } },
      // Labels wrap under their column (a dictionary's name in brackets on its own line), so none is cut at the edge.
      xAxis: { type: 'category', data: at.categories, axisLabel: { interval: 0, fontSize: 11, width: Math.max(48, Math.floor((document.querySelector('[data-chart="attention"]').clientWidth - 130) / Math.max(1, at.categories.length)) - 4), overflow: 'breakAll', formatter: function (v) { return v.replace(' (', '\n('); } } },
      yAxis: { type: 'category', inverse: true, data: at.rows.map(function (r) { return r.name; }) },
      visualMap: { min: 0, max: Math.max(1, Math.ceil(max)), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: at.rows.length <= 30, fontSize: 10 } }]
    });
  }

  if (data.keyness && data.keyness.length) {
    // One small bar chart per comparison, two a row: the target group's terms of highest G2.
    var kn = data.keyness;
    var grids = [], xs = [], ys = [], series = [], titles = [];
    var rowH = 300;
    kn.forEach(function (k, i) {
      var col = i % 2, row = Math.floor(i / 2);
      var terms = k.terms.slice().reverse();
      titles.push({ text: k.group_by + ': ' + k.target + ' vs ' + k.reference, left: (col * 50 + 1) + '%', top: row * rowH + 4, textStyle: { fontSize: 13, fontWeight: 600 } });
      grids.push({ left: (col * 50 + 1) + '%', width: '46%', top: row * rowH + 34, height: rowH - 64, containLabel: true });
      xs.push({ type: 'value', gridIndex: i, name: 'G2', nameLocation: 'end' });
      ys.push({ type: 'category', gridIndex: i, data: terms.map(function (t) { return t.term; }), axisLabel: { interval: 0 } });
      series.push({ type: 'bar', xAxisIndex: i, yAxisIndex: i, name: titles[i].text, data: terms.map(function (t) { return Math.round(t.g2 * 10) / 10; }), itemStyle: { color: '#c0504d' } });
    });
    draw('keyness', {
      title: titles, grid: grids, xAxis: xs, yAxis: ys, series: series,
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.seriesName) + '<br>' + esc(p.name) + ': G2 ' + p.value; } }
    });
  }

  if (data.outcomes) {
    var oc = data.outcomes;
    draw('outcomes', {
      title: { text: oc.region + ': GDP growth, target and outcome (%)', left: 'center', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: oc.years.map(String) },
      yAxis: { type: 'value', name: '%', scale: true },
      series: [
        { type: 'line', name: 'target', data: oc.target, step: 'middle', connectNulls: false, itemStyle: { color: '#c0504d' } },
        { type: 'line', name: 'target (upper end of a range)', data: oc.upper, step: 'middle', lineStyle: { type: 'dashed' }, itemStyle: { color: '#e8a29f' } },
        { type: 'line', name: 'achieved (next year\'s report)', data: oc.achieved, connectNulls: false, itemStyle: { color: '#3b6ea5' } }
      ]
    });
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });

  // Sortable tables: click a header to sort by it; click again to reverse.
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = th.classList.contains('num');
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var r = numeric
            ? (x.hasAttribute('data-v') ? +x.getAttribute('data-v') : -Infinity) - (y.hasAttribute('data-v') ? +y.getAttribute('data-v') : -Infinity)
            : x.textContent.localeCompare(y.textContent, 'zh-CN');
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
