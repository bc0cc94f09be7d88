/** Messages the core sends to people (errors and instructions). */
export const core = {
  'error.unknownChannel': 'Operação desconhecida: {name}.',
  'error.unauthenticated': 'Sessão terminada ou inexistente. Entre novamente com o seu PIN.',
  'error.managerOnly': 'Esta operação é reservada ao gerente.',
  'error.internal':
    'Ocorreu um erro interno. A operação não foi concluída; tente novamente ou contacte o suporte.',
  'error.badToken': 'Pedido recusado: acesso não autorizado a este terminal.',
  'error.originRefused': 'Pedido recusado: origem não autorizada.',
  'error.badJson': 'Pedido inválido: o corpo não é JSON válido.',
  'error.tooLarge': 'Pedido demasiado grande.',
  'error.badCallFrame': 'Pedido inválido: sem a operação ou com a sessão em formato inesperado.',
  'error.coreNotReady': 'O terminal ainda está a arrancar. Aguarde um momento.',
  'auth.wrongPin': 'PIN incorreto.',
  'auth.locked': 'Demasiadas tentativas erradas. Aguarde {seconds} s e tente de novo.',
  'auth.unknownOperator': 'Operador inexistente ou inativo.',
  'auth.notManager': 'O PIN indicado não é de um gerente.',
  'catalog.notFound': 'Artigo não encontrado.',
  'catalog.barcodeNotFound': 'Código de barras {barcode} não existe no catálogo.',
  // issue 9 part C (misuse): access policies, PIN lockout, printer output paths
  'error.trainingOnly': 'Esta operação só está disponível no modo de formação.',
  'auth.approvalLocked':
    'Demasiados PINs de gerente errados neste terminal. Aguarde {seconds} s e tente de novo.',
  'auth.busy': 'Há outra verificação de PIN em curso. Aguarde um momento e tente de novo.',
  'printing.pathNul': 'O caminho do ficheiro da impressora contém caracteres inválidos.',
  'printing.pathOutside':
    'O ficheiro da impressora tem de ficar dentro da pasta de dados do terminal ({dir}): use um caminho relativo, sem "..".',
  'printing.pathParent': 'Não é possível criar a pasta "{dir}": já existe um ficheiro com esse nome.',
  'printing.pathDenied': 'Sem permissão para escrever em "{file}".',
  'printing.pathIsDir': 'O caminho "{file}" é uma pasta: indique um nome de ficheiro.',
  'printing.pathFailed': 'Não foi possível escrever "{file}": {why}.',
  'printing.serialPath':
    'A porta série "{path}" não é um dispositivo: use /dev/ttyUSB0, /dev/rfcomm0 ou COM5, por exemplo.',
  // issue 10 part G (sync service): partner status in the status bar
  'sync.online': 'ligado',
  'sync.offline': 'sem rede',
  'sync.pending': '{count} por enviar',
  'sync.error': 'erro',
  // issue 15 part startup (command line): `balcao print` prints now or says it did not (it has no queue)
  'printing.notPrintedOffline':
    'Não foi impresso: a impressora {where} não responde ({why}). Nada ficou na fila: verifique se está ligada e com cabo/rede e repita o comando.',
  'printing.notPrintedProblem': 'Não foi impresso: {problem} Nada ficou na fila: repita o comando depois.',
  // issue 10 purchases (iLink receiving): refusals of a received XML and purchase decisions
  'purchases.xml.tooLarge':
    'O ficheiro XML tem {size} MB e passa o limite de {max} MB: recusado sem ser lido.',
  'purchases.xml.empty': 'O ficheiro XML está vazio.',
  'purchases.xml.notUtf8': 'O ficheiro XML não está em UTF-8 válido.',
  'purchases.xml.encoding': 'O ficheiro XML declara a codificação "{encoding}": só é aceite UTF-8.',
  'purchases.xml.doctype':
    'O XML contém uma declaração DOCTYPE ou ENTITY (DTD): recusado por segurança (entidades externas ou expansão de entidades).',
  'purchases.xml.malformed': 'O XML está mal formado (linha {line}): {why}',
  'purchases.xml.tooDeep': 'O XML tem elementos aninhados a mais de {max} níveis: recusado.',
  'purchases.xml.oneRoot': 'O XML tem de ter exatamente um elemento raiz.',
  'purchases.xml.badEntity': 'O XML usa uma referência a entidade não permitida: {ref}',
  'purchases.xml.unknownPrefix': 'O XML usa o prefixo de espaço de nomes "{prefix}" sem o declarar.',
  'purchases.ubl.wrongRoot':
    'O documento não é uma fatura nem uma nota de crédito UBL 2.1 (raiz "{root}", espaço de nomes {ns}).',
  'purchases.ubl.invalid': 'O documento UBL não é válido: {why}.',
  'purchases.ubl.buyerMissing': 'O documento não identifica o NIF do comprador.',
  'purchases.ubl.buyerNotUs':
    'O comprador do documento ({buyer}) não é esta empresa (NIF {nif}): o documento não nos é dirigido.',
  'purchases.ubl.sellerNoVat': 'O documento não identifica o NIF do fornecedor.',
  'purchases.ubl.sellerBadVat': 'O NIF do fornecedor ({vat}) não é válido.',
  'purchases.ubl.sellerNoName': 'O documento não indica o nome do fornecedor.',
  'purchases.totals.mismatch':
    'Os totais do documento não batem certo: {what} dá {expected}, o documento diz {stated}.',
  'purchases.totals.lines': 'a soma das linhas',
  'purchases.totals.allowances': 'a soma dos descontos globais',
  'purchases.totals.charges': 'a soma dos encargos globais',
  'purchases.totals.taxExclusive': 'o total sem IVA (linhas − descontos + encargos)',
  'purchases.totals.vat': 'a soma do IVA por taxa',
  'purchases.totals.vatBase': 'a soma das bases tributáveis por taxa',
  'purchases.totals.taxInclusive': 'o total com IVA (sem IVA + IVA)',
  'purchases.totals.payable': 'o total a pagar (com IVA − pago + arredondamento)',
  'purchases.importFailed': 'Não foi possível registar a compra: {why}',
  'purchases.notFound': 'Compra inexistente.',
  'purchases.alreadyAccepted': 'Esta compra já foi aceite.',
  'purchases.alreadyRejected': 'Esta compra já foi recusada.',
  'purchases.rejectedCannotAccept': 'Uma compra recusada não pode ser aceite.',
  'purchases.acceptedCannotReject': 'Uma compra aceite não pode ser recusada.',
  'purchases.reasonRequired': 'Indique o motivo da recusa.',
  'purchases.state.registado': 'Documento registado',
  'purchases.state.aceite': 'Documento aceite',
  'purchases.state.recusado': 'Documento recusado',
  'purchases.type.invoice': 'Compra',
  'purchases.type.credit-note': 'Compra (nota de crédito)',
  'purchases.decision.pending': 'decisão por enviar',
  'purchases.decision.sent': 'decisão enviada',
  'purchases.decision.failed': 'decisão recusada pelo iLink',
  'purchases.noIlink':
    'A integração iLink não está disponível neste terminal: a decisão fica por comunicar ao fornecedor.',
  // issue 13 item 4 (purchases → stock: manual purchases, matching, confirmation, returns; electron/core/purchases)
  'purchases.manual.totalsDiffer':
    'Os totais não conferem com o documento do fornecedor: {diffs}. Verifique as linhas (quantidade, custo, desconto, IVA) ou os totais escritos.',
  'purchases.manual.totalDiff': '{what} calculado {computed}, indicado {typed}',
  'purchases.manual.net': 'total sem IVA',
  'purchases.manual.vat': 'IVA',
  'purchases.manual.gross': 'total com IVA',
  'purchases.manual.duplicate':
    'O documento {number} do fornecedor {supplier} já está registado ({when}): não é registado duas vezes.',
  'purchases.manual.supplierUnknown': 'Fornecedor inexistente.',
  'purchases.manual.supplierInactive': 'O fornecedor {supplier} está desativado.',
  'purchases.manual.articleUnknown': 'Linha {line}: o artigo {article} não existe.',
  'purchases.edit.imported':
    'Esta compra foi importada do iLink: os dados do fornecedor (cabeçalho, linhas e totais) vêm do documento eletrónico e não se alteram. Se estiver errada, recuse-a no Histórico de importação.',
  'purchases.edit.confirmed':
    'Esta compra já entrou em stock ({warehouse}, {when}): já não se altera. Para corrigir quantidades, registe uma devolução ao fornecedor.',
  'purchases.edit.rejected': 'Esta compra foi recusada: já não se altera.',
  'purchases.discard.imported':
    'Esta compra foi importada do iLink: não se descarta. Se estiver errada, recuse-a no Histórico de importação.',
  'purchases.discard.confirmed':
    'Esta compra já entrou em stock ({warehouse}, {when}): não se descarta. Para devolver mercadoria, registe uma devolução ao fornecedor.',
  'purchases.confirm.already': 'Esta compra já entrou em stock ({warehouse}, {when}): não entra duas vezes.',
  'purchases.confirm.rejected': 'Uma compra recusada não entra em stock.',
  'purchases.confirm.creditNote':
    'Uma nota de crédito do fornecedor não entra em stock: registe a devolução na compra a que se refere.',
  'purchases.confirm.unmatched':
    'Há linhas sem artigo ({lines}): associe cada uma a um artigo ou crie-o a partir da linha antes de confirmar.',
  'purchases.confirm.noStock': 'O stock não está disponível neste terminal.',
  'purchases.confirm.warehouseInactive': 'O armazém {warehouse} está desativado.',
  'purchases.match.confirmed': 'Esta compra já entrou em stock: as linhas já não mudam de artigo.',
  'purchases.match.lineUnknown': 'A compra não tem a linha {line}.',
  'purchases.match.noCatalog': 'O catálogo não está disponível neste terminal.',
  'purchases.return.notConfirmed':
    'Só se devolve ao fornecedor o que entrou em stock: confirme a compra primeiro.',
  'purchases.return.tooMuch':
    'Linha {line} ({article}): comprou {bought}, já devolveu {returned}; no máximo {left} a devolver.',
  'purchases.return.lineTwice': 'A linha {line} aparece duas vezes na devolução.',
  'purchases.return.noStockLine': 'Linha {line}: o artigo não movimenta stock, não há o que devolver.',
  // issue 13 (stock): warehouses, ledger, transfers, inventory counts (electron/core/stock)
  'stock.warehouseNotFound': 'O armazém {warehouse} não existe.',
  'stock.warehouseInactive': 'O armazém {warehouse} está desativado.',
  'stock.warehouseCodeTaken': 'Já existe um armazém com o código {code}.',
  'stock.warehouseIsDefault':
    'O armazém {warehouse} é o armazém de venda deste terminal: escolha outro antes de o desativar.',
  'stock.articleNotFound': 'O artigo {article} não existe.',
  'stock.notTracked': 'O artigo {article} não tem controlo de stock (serviço ou artigo "sem stock").',
  'stock.zeroQuantity': 'A quantidade de um movimento de stock não pode ser zero.',
  'stock.wrongSign': 'Um movimento de stock "{cause}" não pode ter a quantidade {quantity}.',
  'stock.costRequired': 'Indique o custo unitário da entrada de {article}.',
  'stock.belowZero':
    'Stock insuficiente de {article} no armazém {warehouse}: existem {available}, saem {requested}.',
  'stock.sameWarehouse': 'A transferência tem de ser entre dois armazéns diferentes.',
  'stock.countNotFound': 'A contagem {id} não existe.',
  'stock.countClosed': 'A contagem {id} já está fechada.',
  'stock.countAlreadyOpen': 'Já há uma contagem aberta no armazém {warehouse} ({id}). Feche-a primeiro.',
  'stock.countArticle': 'O artigo {article} não faz parte da contagem {id}.',
  'stock.countEmpty': 'Não há artigos com controlo de stock para contar neste armazém.',
  // issue 13 items 3, 5, 6 (reorder, counts and valuation screens; electron/core/stock/reorder.ts)
  'stock.reorderQtyPositive': 'A quantidade de encomenda tem de ser maior do que zero.',
  // issue 13 items 7, 8 (transport guides GT/GR: fiscal core, stock moves, AT code; electron/core/guides)
  'guides.startBeforeIssue':
    'O início do transporte ({start}) não pode ser anterior à emissão da guia ({issued}).',
  'guides.endBeforeStart': 'A descarga ({end}) não pode ser anterior ao início do transporte ({start}).',
  'guides.ownGoodsIsGt':
    'Uma guia de remessa é para um cliente; para bens próprios entre armazéns use uma guia de transporte (GT).',
  'guides.ownGoodsNoCustomer':
    'Uma guia de bens próprios não tem cliente: o destinatário é a própria empresa.',
  'guides.ownGoodsNeedsWarehouse': 'Indique o armazém de destino da transferência.',
  'guides.deliverToRequired': 'Indique o local de descarga: o cliente {customer} não tem morada registada.',
  'guides.cancelStarted':
    'Não pode anular {docNo}: o transporte já começou ({start}). Emita uma guia de devolução.',
  'guides.notAGuide': 'O documento {docNo} não é uma guia de transporte ou de remessa.',
  'guides.cancelledNoCode': 'A guia {docNo} está anulada: não recebe código da AT.',
  'guides.atCodeInvalid':
    'Código da AT inválido: 1 a 200 letras ou algarismos (o código de identificação devolvido pela AT).',
  'guides.atCodeSame': 'A guia {docNo} já tem o código {code}.',
  // issue 13 item 7 (guide-invoice: an FT that invoices GT/GR delivered to a customer; fiscal/guide-invoicing.ts)
  'guideInvoice.onlyFt': 'Linha {line}: só uma fatura (FT) refere uma linha de guia.',
  'guideInvoice.notGuideLine':
    'Linha {line}: a linha referida não é de uma guia de transporte ou de remessa.',
  'guideInvoice.otherArticle': 'Linha {line}: o artigo tem de ser o da linha {guideLine} da guia {docNo}.',
  'guideInvoice.otherQuantity':
    'Linha {line}: a guia {docNo} levou {quantity} {unit} de "{description}"; a fatura fatura a guia inteira.',
  'guideInvoice.lineTwice': 'A linha {guideLine} da guia {docNo} está duas vezes na fatura.',
  'guideInvoice.missingLine':
    'A fatura tem de faturar a guia {docNo} inteira: falta a linha {guideLine} ("{description}").',
  'guideInvoice.cancelled': 'A guia {docNo} está anulada: não pode ser faturada.',
  'guideInvoice.ownGoods': 'A guia {docNo} é de bens próprios (transferência entre armazéns): não se fatura.',
  'guideInvoice.otherCustomer':
    'A guia {docNo} é do cliente {guideCustomer}; uma fatura só junta guias do seu cliente ({customer}).',
  'guideInvoice.otherMode': 'A guia {docNo} é de outro modo (formação/produção) que a fatura.',
  'guideInvoice.already': 'A guia {docNo} já está faturada pela {invoice}: não pode ser faturada outra vez.',
  'guideInvoice.noCancel':
    'Não pode anular {docNo}: está faturada pela {invoice}. Anule primeiro a fatura (a guia volta a estar por faturar).',
  // issue 12 items 6–7 (operators, roles, limits, company, series, production, backups)
  'error.accountantForbidden':
    'O perfil de contabilista consulta e exporta a Gestão, mas não vende nem mexe em dinheiro, caixa ou gaveta.',
  'error.roleForbidden': 'O seu perfil não permite esta operação.',
  'error.readerOnly': 'Esta consulta ou exportação é reservada ao gerente e ao contabilista.',
  'operators.notFound': 'Operador inexistente.',
  'operators.duplicateName': 'Já existe um operador ativo chamado "{name}": use outro nome.',
  'operators.lastManager':
    'É o único gerente ativo: crie ou ative outro gerente antes de o desativar ou de lhe mudar o perfil.',
  'operators.pinRequired': 'Indique o PIN do novo operador (4 a 8 algarismos).',
  'operators.pinNotOnEdit': 'O PIN não se altera aqui: use "Mudar PIN" ou "Repor PIN".',
  'operators.ownRole': 'Não pode mudar o seu próprio perfil: peça a outro gerente.',
  'operators.ownDeactivation': 'Não pode desativar-se a si próprio: peça a outro gerente.',
  'operators.ownReset': 'Para mudar o seu próprio PIN use "Mudar PIN" (com o PIN atual).',
  'operators.wrongOldPin': 'O PIN atual não está certo. O PIN não foi alterado.',
  'company.missing': 'Os dados da empresa ainda não foram criados.',
  'company.nifFrozen':
    'O NIF da empresa não se altera depois de emitidos documentos reais: identifica cada documento e o SAF-T.',
  'company.logoSize': 'O logótipo tem de ter no máximo {kb} KB.',
  'company.logoType': 'O ficheiro não é uma imagem PNG ou JPEG.',
  'company.logoBroken': 'Não foi possível ler a imagem PNG (ou passa de 2000 × 2000 píxeis).',
  'production.check.company': 'Dados da empresa completos',
  'production.check.nif': 'NIF válido da empresa',
  'production.check.certificate': 'N.º de certificado AT do software',
  'production.check.key': 'Chave de assinatura de produção',
  'production.check.series': 'Séries comunicadas à AT',
  'production.ok': 'Certo.',
  'production.demoNif': 'É o NIF de testes da AT (empresa de demonstração): indique o NIF da empresa.',
  'production.demoCertificate':
    'O n.º 9999 é o de demonstração: indique o n.º do certificado atribuído pela AT.',
  'production.noCertificate': 'Falta o n.º do certificado.',
  'production.keyVersion': 'Chave importada (versão {version}).',
  'production.noKey': 'Importe a chave privada certificada (ficheiro PEM).',
  'production.noSeries': 'Crie as séries reais (tipo N) e registe o código de validação de cada uma.',
  'production.seriesWithoutCode': 'Sem código de validação da AT: {series}.',
  'production.seriesOk': '{n} série(s) com código de validação.',
  'production.already': 'Este terminal já está em produção.',
  'production.refused': 'Ainda não é possível passar a produção. Falta: {list}.',
  'backup.exists': 'Já existe uma cópia com este nome: aguarde um segundo e tente de novo.',
  'backup.failed': 'A cópia de segurança falhou: {why}.',
  'backup.notVerified': 'A cópia foi escrita mas não passou a verificação ({why}): não fica guardada.',
  'backup.notFound': 'Essa cópia de segurança não existe.',
  // issue 15 polish (item 6): what is known about a printer and a job just queued for it
  'printing.untested': 'Ainda não foi contactada: o primeiro talão mostra se responde.',
  'printing.queuedUntested':
    'Segunda via na fila: a impressora {name} ainda não foi contactada. Veja em Gestão › Impressoras se sai.',
  'printing.queuedOffline':
    'Segunda via na fila: impressora sem resposta. {why} A fila está em Gestão › Impressoras.',
  // issue 15 polish (items 6, 7): the CI-5's machine states (Status/Code, glory-ci5.md §2.3) in pt-PT
  'glory.state.0': 'a iniciar',
  'glory.state.1': 'livre',
  'glory.state.2': 'a preparar o pagamento',
  'glory.state.3': 'à espera do dinheiro',
  'glory.state.4': 'a contar o dinheiro',
  'glory.state.5': 'a dar o troco',
  'glory.state.6': 'à espera que retirem o dinheiro da entrada',
  'glory.state.7': 'à espera que retirem o dinheiro da saída',
  'glory.state.8': 'a repor',
  'glory.state.9': 'a cancelar',
  'glory.state.10': 'a calcular o troco',
  'glory.state.11': 'a cancelar o depósito',
  'glory.state.12': 'a recolher o numerário',
  'glory.state.13': 'em erro',
  'glory.state.14': 'a atualizar o firmware',
  'glory.state.15': 'a ler o registo',
  'glory.state.16': 'à espera do carregamento de trocos',
  'glory.state.17': 'a contar o carregamento',
  'glory.state.18': 'a desbloquear',
  'glory.state.19': 'à espera do inventário',
  'glory.state.20': 'depósito de valor fixo',
  'glory.state.21': 'saída de valor fixo',
  'glory.state.22': 'à espera de dar dinheiro',
  'glory.state.23': 'à espera de cancelamento (sem troco)',
  'glory.state.24': 'nota suspeita retida',
  'glory.state.25': 'à espera do depósito',
  'glory.state.26': 'à espera que retirem a cassete',
  'glory.state.27': 'a selar',
  'glory.state.30': 'à espera da resolução do erro',
  'glory.state.40': 'programa da máquina ocupado',
  'glory.state.41': 'à espera de atualização',
  'glory.state.unknown': 'estado desconhecido ({code})',
  'glory.machineState': 'máquina: {state}',
  // ---- bo-print (issue 12: printed logo and texts, SAF-T CustomerID, iLink per customer) ----
  'customers.codeFrozen':
    'O cliente {name} já consta de documentos emitidos: o código {code} é o identificador dele no SAF-T e já não se pode alterar.',
  // ---- legal (issue 12: CSC art. 171.º, the company's registration on every printed document) ----
  'printing.shareCapital': 'Capital social {amount}',
  'printing.registryOffice': 'C.R.C. {place}',
  'printing.registry': '{office}, matrícula n.º {number}',
} as const;
