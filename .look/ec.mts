import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 200 });
chart.setOption({ xAxis: { type: 'value' }, yAxis: { type: 'category', data: ['a'] }, series: [{ type: 'bar', data: [1] }], legend: {} });
console.log((chart.renderToSVGString().match(/ecmeta_\w+/g) ?? []).slice(0, 3));
